package io.apimdnssync.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sandbox answers in ARM's formats. The expected shapes are the field paths and JSON types of the published
 * examples in azure-rest-api-specs (ApiManagementServiceGetMultiRegionInternalVnet.json, 2024-05-01;
 * privatedns RecordSetAList.json and VirtualNetworkLinkList.json, 2024-06-01), written down here as paths.
 */
@QuarkusTest
class SandboxWireFormatTest extends SandboxTestBase {
    static final String SUB = SandboxDriver.SUB;
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every path:type of the published multi-region internal-VNET GET example. */
    static final Set<String> APIM_EXAMPLE_SHAPE = Set.of(
            "id:string", "name:string", "type:string", "tags:object", "location:string", "etag:string",
            "properties:object", "sku:object", "sku.name:string", "sku.capacity:number",
            "properties.publisherEmail:string", "properties.publisherName:string",
            "properties.notificationSenderEmail:string", "properties.provisioningState:string",
            "properties.targetProvisioningState:string", "properties.createdAtUtc:string",
            "properties.gatewayUrl:string", "properties.gatewayRegionalUrl:string", "properties.portalUrl:string",
            "properties.developerPortalUrl:string", "properties.managementApiUrl:string", "properties.scmUrl:string",
            "properties.hostnameConfigurations:array", "properties.hostnameConfigurations[].type:string",
            "properties.hostnameConfigurations[].hostName:string",
            "properties.hostnameConfigurations[].negotiateClientCertificate:boolean",
            "properties.hostnameConfigurations[].defaultSslBinding:boolean",
            "properties.hostnameConfigurations[].certificateSource:string",
            "properties.hostnameConfigurations[].certificate:object",
            "properties.hostnameConfigurations[].certificate.expiry:string",
            "properties.hostnameConfigurations[].certificate.thumbprint:string",
            "properties.hostnameConfigurations[].certificate.subject:string",
            "properties.publicIPAddresses:array", "properties.publicIPAddresses[]:string",
            "properties.privateIPAddresses:array", "properties.privateIPAddresses[]:string",
            "properties.additionalLocations:array", "properties.additionalLocations[].location:string",
            "properties.additionalLocations[].sku:object", "properties.additionalLocations[].sku.name:string",
            "properties.additionalLocations[].sku.capacity:number",
            "properties.additionalLocations[].publicIPAddresses:array",
            "properties.additionalLocations[].publicIPAddresses[]:string",
            "properties.additionalLocations[].privateIPAddresses:array",
            "properties.additionalLocations[].privateIPAddresses[]:string",
            "properties.additionalLocations[].virtualNetworkConfiguration:object",
            "properties.additionalLocations[].virtualNetworkConfiguration.subnetResourceId:string",
            "properties.additionalLocations[].gatewayRegionalUrl:string",
            "properties.additionalLocations[].disableGateway:boolean",
            "properties.virtualNetworkConfiguration:object",
            "properties.virtualNetworkConfiguration.subnetResourceId:string", "properties.customProperties:object",
            "properties.virtualNetworkType:string", "properties.disableGateway:boolean",
            "properties.apiVersionConstraint:object");

    static final Set<String> RECORD_SET_EXAMPLE_SHAPE = Set.of("id:string", "etag:string", "name:string", "type:string",
            "properties:object", "properties.metadata:object", "properties.ttl:number", "properties.fqdn:string",
            "properties.isAutoRegistered:boolean", "properties.aRecords:array",
            "properties.aRecords[].ipv4Address:string");

    static final Set<String> LINK_EXAMPLE_SHAPE = Set.of("id:string", "name:string", "type:string", "location:string",
            "etag:string", "properties:object", "properties.virtualNetwork:object",
            "properties.virtualNetwork.id:string",
            "properties.registrationEnabled:boolean", "properties.virtualNetworkLinkState:string",
            "properties.provisioningState:string");

    static void shape(String path, JsonNode n, Set<String> out) {
        String type = n.isObject() ? "object" : n.isArray() ? "array" : n.isNumber() ? "number"
                : n.isBoolean() ? "boolean" : n.isTextual() ? "string" : "null";
        if (!path.isEmpty()) {
            out.add(path + ":" + type);
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(
                    e -> shape(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
        } else if (n.isArray()) {
            n.forEach(e -> shape(path + "[]", e, out));
        }
    }

    Response arm(String method, String path) {
        return given().port(emulator.port()).header("Authorization", "Bearer x").queryParam("api-version", "2021-08-01")
                .request(method, path);
    }

    @Test
    void apimGetCarriesEveryFieldOfThePublishedExampleInTheSameShape() throws Exception {
        Response r = arm("GET",
                "/subscriptions/" + SUB + "/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso");
        assertEquals(200, r.statusCode());
        Set<String> actual = new TreeSet<>();
        shape("", JSON.readTree(r.asString()), actual);
        Set<String> missing = new TreeSet<>(APIM_EXAMPLE_SHAPE);
        missing.removeAll(actual);
        assertEquals(Set.of(), missing, "fields of the published example missing from the sandbox GET");
    }

    @Test
    void recordSetListAndLinksHaveThePublishedShapeAndPaging() throws Exception {
        sandbox.pass();
        String zone = "/subscriptions/" + SUB
                + "/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/contoso.com";
        Response list = given().port(emulator.port()).header("Authorization", "Bearer x")
                .queryParam("api-version", "2024-06-01").queryParam("$top", 1).get(zone + "/A");
        assertEquals(200, list.statusCode());
        JsonNode body = JSON.readTree(list.asString());
        Set<String> actual = new TreeSet<>();
        body.path("value").forEach(v -> shape("", v, actual));
        Set<String> missing = new TreeSet<>(RECORD_SET_EXAMPLE_SHAPE);
        missing.removeAll(actual);
        assertEquals(Set.of(), missing);
        assertEquals(1, body.path("value").size());
        String next = body.path("nextLink").asText();
        assertTrue(
                next.startsWith(
                        "https://localhost:" + emulator.port() + zone + "/A?api-version=2024-06-01&$top=1&$skipToken="),
                next);

        Response links = arm("GET", zone + "/virtualNetworkLinks");
        Set<String> linkShape = new TreeSet<>();
        JSON.readTree(links.asString()).path("value").forEach(v -> shape("", v, linkShape));
        Set<String> missingLinks = new TreeSet<>(LINK_EXAMPLE_SHAPE);
        missingLinks.removeAll(linkShape);
        assertEquals(Set.of(), missingLinks);
    }

    @Test
    void latencyFaultDelaysTheMatchingRoute() {
        sandbox.fault(
                "{\"kind\":\"latency\",\"latencyMs\":400,\"method\":\"GET\",\"path\":\".*/service/contoso\",\"count\":1}");
        long start = System.nanoTime();
        Response slow = arm("GET",
                "/subscriptions/" + SUB + "/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, slow.statusCode());
        assertTrue(tookMs >= 400, "latency was injected: " + tookMs + " ms");
    }

    @Test
    void errorsHaveArmBodiesAndStatusCodes() throws Exception {
        String zone = "/subscriptions/" + SUB
                + "/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/contoso.com";
        Response missing = arm("GET", zone + "/A/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("NotFound", JSON.readTree(missing.asString()).path("error").path("code").asText());

        Response noService = arm("GET",
                "/subscriptions/" + SUB + "/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/nope");
        assertEquals(404, noService.statusCode());
        assertEquals("ResourceNotFound", JSON.readTree(noService.asString()).path("error").path("code").asText());

        // A subscription that does not exist is not an empty one.
        Response noSubscription = arm("GET",
                "/subscriptions/99999999-9999-9999-9999-999999999999/providers/Microsoft.ApiManagement/service");
        assertEquals(404, noSubscription.statusCode());
        JsonNode error = JSON.readTree(noSubscription.asString()).path("error");
        assertEquals("SubscriptionNotFound", error.path("code").asText());
        assertEquals("The subscription '99999999-9999-9999-9999-999999999999' could not be found.",
                error.path("message").asText());

        Response exists = given().port(emulator.port()).header("Authorization", "Bearer x").header("If-None-Match", "*")
                .queryParam("api-version", "2024-06-01").contentType("application/json")
                .body("{\"properties\":{\"ttl\":60,\"aRecords\":[{\"ipv4Address\":\"10.0.0.1\"}]}}")
                .put(zone + "/A/www");
        assertEquals(412, exists.statusCode());
        assertEquals("PreconditionFailed", JSON.readTree(exists.asString()).path("error").path("code").asText());

        Response stale = given().port(emulator.port()).header("Authorization", "Bearer x")
                .header("If-Match", "not-the-etag")
                .queryParam("api-version", "2024-06-01").delete(zone + "/A/www");
        assertEquals(412, stale.statusCode());

        Response noVersion = given().port(emulator.port()).header("Authorization", "Bearer x").get(zone);
        assertEquals(400, noVersion.statusCode());
        assertEquals("MissingApiVersionParameter",
                JSON.readTree(noVersion.asString()).path("error").path("code").asText());

        Response noAuth = given().port(emulator.port()).queryParam("api-version", "2024-06-01").get(zone);
        assertEquals(401, noAuth.statusCode());

        Response badIp = given().port(emulator.port()).header("Authorization", "Bearer x")
                .queryParam("api-version", "2024-06-01")
                .contentType("application/json")
                .body("{\"properties\":{\"ttl\":60,\"aRecords\":[{\"ipv4Address\":\"10.0.X.1\"}]}}")
                .put(zone + "/A/new");
        assertEquals(400, badIp.statusCode());

        Response created = given().port(emulator.port()).header("Authorization", "Bearer x")
                .header("If-None-Match", "*")
                .queryParam("api-version", "2024-06-01").contentType("application/json")
                .body("{\"properties\":{\"ttl\":60,\"aRecords\":[{\"ipv4Address\":\"10.0.0.1\"}]}}")
                .put(zone + "/A/New");
        assertEquals(201, created.statusCode());
        assertEquals("new", JSON.readTree(created.asString()).path("name").asText(), "names come back lower-cased");
        assertEquals("new.contoso.com.", JSON.readTree(created.asString()).path("properties").path("fqdn").asText());
    }
}
