package io.apimdnssync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which instances the daemon manages, and the lists the change watch reads to see them all. */
class ScopesTest {
    static ArmId apim(String sub, String rg, String name) {
        return ArmId.of("/subscriptions/" + sub + "/resourceGroups/" + rg + "/providers/Microsoft.ApiManagement/"
                + "service/" + name);
    }

    final DiscoveryScope wholeSub = new DiscoveryScope(" s1 ", Optional.empty(), Map.of("dns-sync", "enabled"));
    final DiscoveryScope oneGroup = new DiscoveryScope("s2", Optional.of(" g2 "), Map.of());

    @Test
    void theWatchListsEachDiscoveryScopeAndOneGroupPerUncoveredExplicitId() {
        ManagedScope scope = new ManagedScope(List.of(apim("s1", "a", "x"), apim("s2", "g2", "y"), apim("s3", "G", "z"),
                apim("S3", "g", "w"), apim("s3", "h", "v")), List.of(wholeSub, oneGroup));
        List<DiscoveryScope> lists = scope.listScopes();
        assertEquals(List.of(wholeSub, oneGroup, new DiscoveryScope("s3", Optional.of("G"), Map.of()),
                new DiscoveryScope("s3", Optional.of("h"), Map.of())), lists);
        assertEquals("subscription s1", lists.get(0).describe());
        assertEquals("subscription s2 resource group g2", lists.get(1).describe());
        assertEquals(List.of(), new ManagedScope(List.of(), List.of()).listScopes());
    }

    @Test
    void mayManageByIdAndManagesWithTags() {
        ManagedScope scope = new ManagedScope(List.of(apim("s9", "g", "explicit")), List.of(wholeSub, oneGroup));
        assertTrue(scope.mayManage(apim("S1", "any", "x")));
        assertTrue(scope.mayManage(apim("s2", "G2", "x")));
        assertFalse(scope.mayManage(apim("s2", "other", "x")));
        assertTrue(scope.mayManage(apim("s9", "g", "explicit")));
        assertFalse(scope.mayManage(apim("s9", "g", "other")));
        assertTrue(scope.manages(apim("s9", "g", "explicit"), Map.of()), "explicit IDs need no tags");
        assertTrue(scope.manages(apim("s1", "a", "x"), Map.of("DNS-SYNC", "enabled")));
        assertFalse(scope.manages(apim("s1", "a", "x"), Map.of("dns-sync", "Enabled")), "values are exact");
        assertFalse(scope.manages(apim("s1", "a", "x"), null));
        assertTrue(scope.manages(apim("s2", "g2", "x"), null), "no selector: everything in the scope");
    }

    @Test
    void aWildcardMatchesAnyValueButNotAMissingTag() {
        DiscoveryScope any = new DiscoveryScope("s", Optional.empty(), Map.of("env", "*"));
        assertTrue(any.matches(Map.of("env", "")));
        assertFalse(any.matches(Map.of("other", "x")));
    }

    @Test
    void aServerNormalisesItsZonesAndNeverPrintsItsSecret() {
        DnsServerSettings s = new DnsServerSettings("dc1", "10.0.0.4", 53, List.of(" Contoso.COM. ", "corp.example"),
                Transport.UDP, Duration.ofSeconds(2), ReadMode.QUERY,
                Optional.of(new DnsServerSettings.TsigKey("k", TsigAlgorithm.HMAC_SHA384, "c2VjcmV0LXZhbHVl")));
        assertEquals(List.of("contoso.com", "corp.example"), s.zones());
        assertEquals("TsigKey[k, hmac-sha384, secret=***]", s.tsig().orElseThrow().toString());
        assertFalse(s.toString().contains("c2VjcmV0LXZhbHVl"), s.toString());
    }
}
