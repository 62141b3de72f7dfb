package io.apimdnssync.source;

import static io.apimdnssync.source.SnapshotMapperTest.parse;
import static io.apimdnssync.source.SnapshotMapperTest.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snapshot fields the mapper copies: tags (discovery filters on them), SKU, capacity, state, public VIPs. */
class SnapshotFieldsTest {
    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    static InstanceSnapshot map(String json) throws Exception {
        return SnapshotMapper.map(parse(json), AT);
    }

    @Test
    void everyFieldOfThePublishedShape() throws Exception {
        InstanceSnapshot s = map(payload("172.16.0.5", "Internal").replace("\"tags\":{}",
                "\"tags\":{\"dns-sync\":\"enabled\",\"Env\":\"prod\"}"));
        assertEquals("apimService1", s.name());
        assertEquals("StandardV2", s.sku());
        assertEquals(1, s.capacity());
        assertEquals("Succeeded", s.provisioningState());
        assertEquals(ProvisioningPhase.SUCCEEDED, s.phase());
        assertEquals("", s.targetProvisioningState());
        assertEquals("Internal", s.virtualNetworkType());
        assertEquals(Map.of("dns-sync", "enabled", "Env", "prod"), s.tags());
        assertEquals(Optional.of("AAAAAADqC0c="), s.etag());
        assertEquals(List.of("1", "2"), s.zones());
        assertEquals(AT, s.readAt());
        assertEquals(List.of("137.117.11.74"), s.primary().publicIps());
        assertEquals(List.of("172.16.0.5"), s.primary().privateIps());
        assertEquals("West US", s.primary().location());
        assertTrue(s.primary().primary());
        assertEquals(Optional.of("apimservice1-westus-01.regional.azure-api.net"), s.primary().regionalGatewayHost());
    }

    @Test
    void missingTagsSkuStateAndVnetTypeHaveDefinedValues() throws Exception {
        String json = payload("172.16.0.5", "Internal").replace("\"tags\":{},", "")
                .replace("\"sku\":{\"name\":\"StandardV2\",\"capacity\":1},", "")
                .replace("\"provisioningState\":\"Succeeded\",", "").replace("\"virtualNetworkType\":\"Internal\",", "")
                .replace("\"etag\":\"AAAAAADqC0c=\",", "");
        InstanceSnapshot s = map(json);
        assertEquals(Map.of(), s.tags());
        assertEquals("", s.sku());
        assertEquals(0, s.capacity());
        assertEquals("", s.provisioningState());
        assertEquals(ProvisioningPhase.UNKNOWN, s.phase());
        assertEquals("None", s.virtualNetworkType());
        assertEquals(Optional.empty(), s.etag());
    }

    @Test
    void tagsNullIsNoTags() throws Exception {
        assertEquals(Map.of(), map(payload("172.16.0.5", "Internal").replace("\"tags\":{}", "\"tags\":null")).tags());
    }

    @Test
    void anInvalidPublicIpIsAProblemToo() throws Exception {
        InstanceSnapshot s = map(payload("172.16.0.5", "External").replace("\"137.117.11.74\"", "\"137.117.XX.74\""));
        assertEquals(List.of("primary location 'West US': publicIPAddresses contains '137.117.XX.74', which is not an "
                + "IPv4 address"), s.problems());
    }

    @Test
    void anAdditionalLocationsInvalidVipIsNamedWithItsLocation() throws Exception {
        InstanceSnapshot s = map(payload("172.16.0.5", "Internal").replace("\"10.0.1.6\"", "\"10.0.1.x\""));
        assertEquals(List.of("location 'West US 2': privateIPAddresses contains '10.0.1.x', which is not an IPv4 "
                + "address"), s.problems());
    }

    @Test
    void aServiceWithoutAValidIdIsRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map(payload("172.16.0.5",
                "Internal").replace(
                        "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.ApiManagement/service/"
                                + "apimService1\",",
                        "not-an-id\",")));
        assertEquals("ARM returned an APIM service without a valid id: not-an-id", e.getMessage());
    }

    @Test
    void vnetOfASubnetAndOfSomethingElse() {
        assertEquals("/x/virtualNetworks/v", InstanceSnapshot.vnetOfSubnet("/x/virtualNetworks/v/subnets/a"));
        assertEquals("", InstanceSnapshot.vnetOfSubnet("/subnets/a"));
        assertEquals("/x/virtualNetworks/v", InstanceSnapshot.vnetOfSubnet("/x/virtualNetworks/v"));
    }
}
