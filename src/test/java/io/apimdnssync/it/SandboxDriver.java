package io.apimdnssync.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.reconcile.GoneConfirmations;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Rounds;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.sandbox.ArmEmulator;
import io.apimdnssync.sandbox.RequestLog;
import io.apimdnssync.sandbox.SandboxControl;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Drives the sandbox over its control endpoints and runs passes, for the integration tests. */
public final class SandboxDriver {
    public static final String SUB = "00000000-0000-0000-0000-000000000000";
    public static final String CONTOSO = "/subscriptions/" + SUB
            + "/resourcegroups/rg-apim/providers/microsoft.apimanagement/service/contoso";

    private final ArmEmulator emulator;
    private final SandboxControl control;
    private final Rounds rounds;
    private final GoneConfirmations gone;

    private final boolean https;

    public SandboxDriver(ArmEmulator emulator, SandboxControl control, Rounds rounds, GoneConfirmations gone,
            boolean https) {
        this.emulator = emulator;
        this.control = control;
        this.rounds = rounds;
        this.gone = gone;
        this.https = https;
    }

    public RequestSpecification sandbox() {
        return given().baseUri((https ? "https" : "http") + "://localhost").port(emulator.port())
                .contentType(ContentType.JSON);
    }

    public void reset() {
        sandbox().post("/sandbox/reset").then().statusCode(204);
    }

    public ReconcileReport pass() {
        return pass(false);
    }

    public ReconcileReport pass(boolean force) {
        try {
            return rounds.resync(Trigger.of("test"), force).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Starts a simulated operation; returns its id. */
    public long operation(String service, String json) {
        return sandbox().body(json).post("/sandbox/services/" + service + "/operations").then().statusCode(202)
                .extract().jsonPath().getLong("id");
    }

    public void awaitCompleted(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> control.operations().stream()
                .anyMatch(o -> o.id() == id && o.completedAt().isPresent()));
    }

    /** Runs an operation to completion (nothing reconciles in between). */
    public void complete(String service, String json) {
        awaitCompleted(operation(service, json));
    }

    public void patchService(String name, String json) {
        sandbox().body(json).patch("/sandbox/services/" + name).then().statusCode(200);
    }

    public void putService(String json) {
        sandbox().body(json).put("/sandbox/services").then().statusCode(201);
    }

    /**
     * Deletes the instance, and hands the daemon the ResourceDeleteSuccess event Azure sends for it (directly, so that
     * no keyed item races the test's passes; GoneTest delivers it through the webhook).
     */
    public void deleteService(String name) {
        String id = emulator.state().serviceByName(name).orElseThrow().path("id").asText();
        deleteServiceWithoutEvent(name);
        gone.deleteEvent(ArmId.of(id), Instant.now());
    }

    /** Deletes the instance and sends no event: its 404s must be confirmed by time and the list. */
    public void deleteServiceWithoutEvent(String name) {
        sandbox().delete("/sandbox/services/" + name).then().statusCode(204);
    }

    public void putZone(String name, String... links) {
        String id = "/subscriptions/" + SUB + "/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/"
                + name;
        String linkJson = links.length == 0 ? "" : "\"" + String.join("\",\"", links) + "\"";
        sandbox().body("{\"id\":\"" + id + "\",\"links\":[" + linkJson + "],\"records\":[]}").put("/sandbox/zones")
                .then().statusCode(201);
    }

    public void putRecord(String zone, String name, String json) {
        sandbox().body(json).put("/sandbox/zones/" + zone + "/records/" + name).then().statusCode(200);
    }

    public void fault(String json) {
        sandbox().body(json).post("/sandbox/faults").then().statusCode(201);
    }

    /** zone → name → ips, as the sandbox holds them now. */
    public JsonPath zones() {
        return sandbox().get("/sandbox/zones").then().statusCode(200).extract().jsonPath();
    }

    public List<String> ips(String zone, String name) {
        List<String> ips = zones().getList("'" + zone + "'.'" + name + "'.ips", String.class);
        return ips == null ? List.of() : ips;
    }

    public Map<String, String> metadata(String zone, String name) {
        return zones().getMap("'" + zone + "'.'" + name + "'.metadata", String.class, String.class);
    }

    /** The current VIPs of the seed instance's primary location, as the sandbox holds them now. */
    public String primaryPrivate() {
        return emulator.state().serviceByName("contoso").orElseThrow().path("properties").path("privateIPAddresses")
                .get(0).asText();
    }

    /** The current private VIP of a service's primary location. */
    public String privateVip(String service) {
        return emulator.state().serviceByName(service).orElseThrow().path("properties").path("privateIPAddresses")
                .get(0).asText();
    }

    /** The current public VIP of a service's primary location. */
    public String publicVip(String service) {
        return emulator.state().serviceByName(service).orElseThrow().path("properties").path("publicIPAddresses")
                .get(0).asText();
    }

    /** The resource ID key of a service of the sandbox's rg-apim. */
    public static String id(String service) {
        return "/subscriptions/" + SUB + "/resourcegroups/rg-apim/providers/microsoft.apimanagement/service/" + service;
    }

    /** Adds a custom domain to a service (replacing its hostnameConfigurations by its gateway's and this one). */
    public void addCustomDomain(String service, String host) {
        patchService(service, """
            {"properties":{"hostnameConfigurations":[
              {"type":"Proxy","hostName":"%1$s.azure-api.net","negotiateClientCertificate":false,
               "defaultSslBinding":false,"certificateSource":"BuiltIn"},
              {"type":"Proxy","hostName":"%2$s","negotiateClientCertificate":false,
               "defaultSslBinding":true,"certificateSource":"Custom"}]}}
            """.formatted(service, host));
    }

    /** The zones a piece of the request log listed A record sets of (one entry per page). */
    public List<String> zoneLists(List<RequestLog.Entry> entries) {
        return entries.stream().filter(e -> e.method().equals("GET") && e.pathMatches(".*/privatednszones/[^/]+/a"))
                .map(e -> e.path().replaceAll("(?i).*/privateDnsZones/([^/]+)/A$", "$1").toLowerCase())
                .toList();
    }

    public String primaryPublic() {
        return emulator.state().serviceByName("contoso").orElseThrow().path("properties").path("publicIPAddresses")
                .get(0).asText();
    }

    public RequestLog log() {
        return emulator.requests();
    }

    public List<RequestLog.Entry> writes() {
        return log().matching(RequestLog.Entry::isWrite);
    }

    /** A minimal Internal instance in one location with its own gateway zone (created here, linked to its VNET). */
    public void addInternalInstance(String name, String privateIp, String publicIp) {
        String vnet = "/subscriptions/" + SUB
                + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-" + name;
        putService("""
            {"id":"/subscriptions/%1$s/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/%2$s",
             "name":"%2$s","type":"Microsoft.ApiManagement/service","tags":{},"location":"West Europe","etag":"AAAAAAAAAAI=",
             "properties":{"publisherEmail":"a@b.c","publisherName":"p","provisioningState":"Succeeded",
              "targetProvisioningState":"","createdAtUtc":"2026-01-01T00:00:00Z",
              "gatewayUrl":"https://%2$s.azure-api.net","portalUrl":"https://%2$s.portal.azure-api.net",
              "developerPortalUrl":"https://%2$s.developer.azure-api.net",
              "managementApiUrl":"https://%2$s.management.azure-api.net","scmUrl":"https://%2$s.scm.azure-api.net",
              "hostnameConfigurations":[{"type":"Proxy","hostName":"%2$s.azure-api.net","negotiateClientCertificate":false,
                "defaultSslBinding":false,"certificateSource":"BuiltIn"}],
              "publicIPAddresses":["%4$s"],"privateIPAddresses":["%3$s"],
              "virtualNetworkConfiguration":{"subnetResourceId":"%5$s/subnets/snet-apim"},
              "virtualNetworkType":"Internal","disableGateway":false,"apiVersionConstraint":{},"platformVersion":"stv2"},
             "sku":{"name":"Developer","capacity":1}}
            """.formatted(SUB, name, privateIp, publicIp, vnet));
        for (String z : List.of("", "portal.", "developer.", "management.", "scm.")) {
            putZone(name + "." + z + "azure-api.net", vnet);
        }
    }
}
