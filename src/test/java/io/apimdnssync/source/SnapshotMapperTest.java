package io.apimdnssync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.serializer.SerializerEncoding;
import com.azure.resourcemanager.apimanagement.fluent.models.ApiManagementServiceResourceInner;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapper through the SDK's own deserializer, on payloads shaped like ARM's (masked IPs included). */
class SnapshotMapperTest {

    static ApiManagementServiceResourceInner parse(String json) throws Exception {
        return SerializerFactory.createDefaultManagementSerializerAdapter().deserialize(json,
                ApiManagementServiceResourceInner.class, SerializerEncoding.JSON);
    }

    static String payload(String primaryPrivateIp, String vnetType) {
        return """
            {"id":"/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ApiManagement/service/apimService1",
             "name":"apimService1","type":"Microsoft.ApiManagement/service","tags":{},"location":"West US",
             "etag":"AAAAAADqC0c=",
             "properties":{"publisherEmail":"a@b.c","publisherName":"p","provisioningState":"Succeeded",
              "targetProvisioningState":"","createdAtUtc":"2019-12-02T01:42:09.1268424Z",
              "gatewayUrl":"https://apimservice1.azure-api.net",
              "gatewayRegionalUrl":"https://apimservice1-westus-01.regional.azure-api.net",
              "portalUrl":"https://apimservice1.portal.azure-api.net",
              "developerPortalUrl":"https://apimService1.developer.azure-api.net",
              "managementApiUrl":"https://apimservice1.management.azure-api.net",
              "scmUrl":"https://apimservice1.scm.azure-api.net",
              "hostnameConfigurations":[
                {"type":"Proxy","hostName":"apimService1.azure-api.net","negotiateClientCertificate":false,
                 "defaultSslBinding":false,"certificateSource":"BuiltIn"},
                {"type":"Proxy","hostName":"GW.Contoso.com","negotiateClientCertificate":false,
                 "defaultSslBinding":true,"certificateSource":"Custom"},
                {"type":"Proxy","hostName":"*.wild.contoso.com","certificateSource":"Custom"},
                {"type":"ConfigurationApi","hostName":"config.contoso.com","certificateSource":"KeyVault",
                 "keyVaultId":"https://kv.vault.azure.net/secrets/cert","certificateStatus":"Completed"},
                {"type":"Proxy","hostName":"not a host name","certificateSource":"Custom"}],
              "publicIPAddresses":["137.117.11.74"],
              "privateIPAddresses":["%s"],
              "additionalLocations":[{"location":"West US 2","sku":{"name":"Premium","capacity":1},
                "publicIPAddresses":["40.81.79.187"],"privateIPAddresses":["10.0.1.6"],
                "virtualNetworkConfiguration":{"subnetResourceId":"/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v2/subnets/apim"},
                "gatewayRegionalUrl":"https://apimservice1-westus2-01.regional.azure-api.net","disableGateway":false}],
              "virtualNetworkConfiguration":{"subnetResourceId":"/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1/subnets/apim"},
              "virtualNetworkType":"%s","disableGateway":false,"apiVersionConstraint":{},"platformVersion":"stv9",
              "natGatewayState":"Enabled","outboundPublicIPAddresses":["20.1.1.1"],"developerPortalStatus":"Enabled",
              "legacyPortalStatus":"Disabled","someFutureField":{"nested":[1,2,3]},
              "configurationApi":{"legacyApi":"Enabled"}},
             "systemData":{"createdBy":"a@b.c","createdByType":"User","createdAt":"2024-01-01T00:00:00Z",
              "lastModifiedBy":"a@b.c","lastModifiedByType":"User","lastModifiedAt":"2024-01-02T00:00:00Z"},
             "identity":{"type":"SystemAssigned","principalId":"00000000-0000-0000-0000-000000000001",
              "tenantId":"00000000-0000-0000-0000-000000000002"},
             "sku":{"name":"StandardV2","capacity":1},"zones":["1","2"]}
            """.formatted(primaryPrivateIp, vnetType);
    }

    @Test
    void hostNamesAreLowerCasedDeduplicatedAndPlacedByLocation() throws Exception {
        InstanceSnapshot s = SnapshotMapper.map(parse(payload("172.16.0.5", "Internal")), Instant.EPOCH);
        assertEquals(List.of(), s.problems());
        List<String> names = s.hostNames().stream().map(HostName::name).toList();
        assertEquals(List.of("apimservice1.azure-api.net", "apimservice1.portal.azure-api.net",
                "apimservice1.developer.azure-api.net", "apimservice1.management.azure-api.net",
                "apimservice1.scm.azure-api.net", "apimservice1-westus-01.regional.azure-api.net",
                "apimservice1-westus2-01.regional.azure-api.net", "gw.contoso.com", "*.wild.contoso.com",
                "config.contoso.com"), names);
        assertEquals(Endpoint.GATEWAY, s.hostNames().get(0).endpoint());
        assertEquals("West US 2", s.hostNames().get(6).location());
        assertEquals(List.of("10.0.1.6"), s.location("West US 2").orElseThrow().privateIps());
        assertEquals(List.of("/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v1",
                "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v2"), s.vnetIds());
        assertTrue(s.warnings().get(0).contains("not a host name"), s.warnings().toString());
        assertEquals("stv9", s.platformVersion().orElseThrow(), "unknown enum values pass through");
    }

    @Test
    void maskedIpFromThePublishedExampleIsAnInstanceProblem() throws Exception {
        InstanceSnapshot s = SnapshotMapper.map(parse(payload("172.XX.0.5", "Internal")), Instant.EPOCH);
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).contains("'172.XX.0.5'"), s.problems().get(0));
    }

    @Test
    void unknownVirtualNetworkTypeIsKeptVerbatim() throws Exception {
        InstanceSnapshot s = SnapshotMapper.map(parse(payload("172.16.0.5", "Hybrid")), Instant.EPOCH);
        assertEquals("Hybrid", s.virtualNetworkType());
    }

    @Test
    void ipv4Strictness() {
        for (String ok : List.of("10.0.0.1", "255.255.255.255", "0.0.0.0")) {
            assertTrue(Ipv4.isValid(ok), ok);
        }
        for (String bad : List.of("172.XX.0.5", "10.0.X.6", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "",
                " 1.2.3.4",
                "fe80::1")) {
            assertTrue(!Ipv4.isValid(bad), bad);
        }
        assertTrue(!Ipv4.isValid(null));
        assertTrue(!Ipv4.isValid("\u0661\u0660.0.0.1"), "Arabic-Indic digits are not ASCII digits");
        assertTrue(!Ipv4.isValid("\uff11.2.3.4"), "nor are full-width ones");
    }
}
