package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.sandbox.RequestLog;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each VIP-changing scenario, through the real Azure SDK against the sandbox. */
@QuarkusTest
class ScenarioTest extends SandboxTestBase {
    static final String NORTH = "contoso-northeurope-01.regional.azure-api.net";
    static final String WEST = "contoso-westeurope-01.regional.azure-api.net";

    @Test
    void seedIsPublishedWithPrivateVipsAndTheForeignRecordIsAConflict() {
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
        assertEquals(List.of("10.1.0.10"), sandbox.ips("contoso.scm.azure-api.net", "@"));
        assertEquals(List.of("10.1.0.10"), sandbox.ips("contoso.com", "api"));
        assertEquals(List.of("10.2.0.10"), sandbox.ips(NORTH, "@"), "regional name gets its own location's VIP");
        assertEquals(Map.of("managed-by", "apim-dns-sync", "owner-id", "apim-dns-sync", "instance", CONTOSO),
                sandbox.metadata(GW, "@"));
        assertEquals(List.of("10.9.9.9"), sandbox.ips("contoso.com", "portal"), "foreign record untouched");
        assertEquals(Map.of("owner", "web-team"), sandbox.metadata("contoso.com", "portal"));
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.CONFLICT
                && f.name().equals("portal.contoso.com")), r.findings().toString());
        assertEquals(8, r.applied().size());

        sandbox.log().clear();
        ReconcileReport again = sandbox.pass();
        assertEquals(List.of(), sandbox.writes(), "steady state writes nothing");
        assertTrue(again.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.CONFLICT));
        assertEquals(List.of("10.9.9.9"), sandbox.ips("contoso.com", "portal"));
    }

    @Test
    void vnetDisabledRewritesToPublicVipsThenEnabledRewritesToPrivate() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"disable-vnet\",\"delaySeconds\":0.2}");
        sandbox.pass();
        String pub = sandbox.primaryPublic();
        assertEquals(List.of(pub), sandbox.ips(GW, "@"));
        assertEquals(List.of(pub), sandbox.ips("contoso.com", "api"));
        assertNotEquals("10.1.0.10", pub);

        sandbox.complete("contoso", "{\"type\":\"enable-vnet\",\"delaySeconds\":0.2}");
        sandbox.pass();
        String priv = sandbox.primaryPrivate();
        assertEquals(List.of(priv), sandbox.ips(GW, "@"));
        assertTrue(priv.startsWith("10.1.0."), priv);
        assertNotEquals("10.1.0.10", priv);
    }

    @Test
    void externalAndInternalBothWays() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-mode\",\"mode\":\"External\",\"delaySeconds\":0.2}");
        sandbox.pass();
        assertEquals(List.of(sandbox.primaryPublic()), sandbox.ips(GW, "@"));
        sandbox.complete("contoso", "{\"type\":\"set-mode\",\"mode\":\"Internal\",\"delaySeconds\":0.2}");
        sandbox.pass();
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@"));
        assertNotEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
    }

    @Test
    void instanceDeletedLosesItsRecordsUnderSync() {
        sandbox.pass();
        sandbox.deleteService("contoso");
        ReconcileReport r = sandbox.pass();
        assertEquals(8, r.applied().size(), r.applied().toString());
        assertTrue(sandbox.zones().getMap("'" + GW + "'").isEmpty());
        assertTrue(sandbox.zones().getMap("'contoso.com'").containsKey("portal"), "foreign record stays");
        assertTrue(sandbox.zones().getMap("'contoso.com'").containsKey("www"));
    }

    @Test
    void zoneRedundancyChangeIsWrittenOnlyAfterSucceeded() {
        sandbox.pass();
        long op = sandbox.operation("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\",\"3\"],\"delaySeconds\":1.5}");
        sandbox.log().clear();
        ReconcileReport during = sandbox.pass();
        assertEquals(List.of(), sandbox.writes(), "nothing is written while Updating");
        assertTrue(during.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.HELD
                && f.message().contains("Updating")), during.findings().toString());
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
        sandbox.awaitCompleted(op);
        sandbox.pass();
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@"));
        assertNotEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
        assertEquals(List.of("10.2.0.10"), sandbox.ips(NORTH, "@"), "the other location keeps its VIP");
    }

    @Test
    void failedUpdateChangesNothing() {
        sandbox.pass();
        sandbox.complete("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"1\"],\"delaySeconds\":0.2,\"outcome\":\"Failed\"}");
        sandbox.log().clear();
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of(), sandbox.writes());
        assertTrue(
                r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.HELD && f.message().contains("Failed")));
    }

    @Test
    void newLocationGetsARegionalRecordWithItsOwnVip() {
        sandbox.pass();
        sandbox.putZone("contoso-swedencentral-01.regional.azure-api.net");
        sandbox.complete("contoso", "{\"type\":\"add-location\",\"location\":\"Sweden Central\",\"delaySeconds\":0.2}");
        ReconcileReport r = sandbox.pass();
        var loc = emulator.state().serviceByName("contoso").orElseThrow().path("properties").path("additionalLocations")
                .get(1);
        String vip = loc.path("privateIPAddresses").get(0).asText();
        assertEquals(List.of(vip), sandbox.ips("contoso-swedencentral-01.regional.azure-api.net", "@"));
        assertNotEquals(sandbox.primaryPrivate(), vip);
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ZONE_NOT_LINKED
                && f.zone().equals("contoso-swedencentral-01.regional.azure-api.net")), "the new zone has no link yet");
    }

    @Test
    void linkedSharedParentZoneIsReportedAsShadowing() {
        sandbox.putZone("regional.azure-api.net",
                "/subscriptions/" + SandboxDriver.SUB
                        + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub-westeurope");
        ReconcileReport r = sandbox.pass();
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ZONE_SHADOWS
                && f.zone().equals("regional.azure-api.net")), r.findings().toString());
        assertTrue(r.findings().stream().noneMatch(f -> f.kind() == Finding.Kind.ZONE_NOT_LINKED),
                "the seed's zones are all linked");
        assertEquals(List.of("10.2.0.10"), sandbox.ips(NORTH, "@"), "the more specific zone still gets the record");
    }

    @Test
    void aZoneCreatedSinceTheLastResyncIsFoundByATargetedPass() throws Exception {
        sandbox.pass();
        sandbox.putZone("contoso-swedencentral-01.regional.azure-api.net");
        sandbox.complete("contoso", "{\"type\":\"add-location\",\"location\":\"Sweden Central\",\"delaySeconds\":0.2}");
        queue.reconcile(SandboxDriver.CONTOSO, io.apimdnssync.reconcile.Trigger.of("test"), false).get();
        var loc = emulator.state().serviceByName("contoso").orElseThrow().path("properties").path("additionalLocations")
                .get(1);
        assertEquals(List.of(loc.path("privateIPAddresses").get(0).asText()),
                sandbox.ips("contoso-swedencentral-01.regional.azure-api.net", "@"));
    }

    @Test
    void customDomainAddedGetsARecordInItsZone() {
        sandbox.pass();
        sandbox.complete("contoso",
                "{\"type\":\"add-hostname\",\"hostName\":\"Shop.Contoso.com\",\"delaySeconds\":0.2}");
        sandbox.pass();
        assertEquals(List.of("10.1.0.10"), sandbox.ips("contoso.com", "shop"));
    }

    @Test
    void recordChangedBetweenListAndWriteConvergesAfter412() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        sandbox.fault(
                "{\"kind\":\"etag-race\",\"method\":\"PUT\",\"path\":\".*/privatednszones/contoso.azure-api.net/a/@\",\"count\":1}");
        sandbox.log().clear();
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@"));
        List<RequestLog.Entry> puts = sandbox.log().matching(e -> e.method().equals("PUT")
                && e.pathMatches(".*/contoso.azure-api.net/a/@"));
        assertEquals(List.of(412, 200), puts.stream().map(RequestLog.Entry::status).toList());
        assertNotEquals(puts.get(0).ifMatch(), puts.get(1).ifMatch(), "the retry uses the re-read etag");
        assertEquals(List.of(), r.failures());
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfter() {
        sandbox.fault("{\"kind\":\"status\",\"status\":429,\"retryAfterSeconds\":1,\"method\":\"GET\","
                + "\"path\":\".*/privatednszones/contoso.com/a\",\"count\":2}");
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of("10.1.0.10"), sandbox.ips("contoso.com", "api"));
        assertEquals(List.of(), r.failures());
        List<RequestLog.Entry> lists = sandbox.log().matching(e -> e.method().equals("GET")
                && e.pathMatches(".*/privatednszones/contoso.com/a"));
        assertEquals(List.of(429, 429, 200), lists.stream().map(RequestLog.Entry::status).toList());
        for (int i = 1; i < lists.size(); i++) {
            Duration gap = Duration.between(lists.get(i - 1).at(), lists.get(i).at());
            assertTrue(gap.toMillis() >= 950, "Retry-After: 1 honoured, gap was " + gap);
        }
    }

    @Test
    void serverErrorsOnOneZoneDoNotStopTheOthers() {
        sandbox.fault("{\"kind\":\"status\",\"status\":500,\"method\":\"GET\","
                + "\"path\":\".*/privatednszones/contoso.scm.azure-api.net/a\",\"count\":-1}");
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
        assertTrue(sandbox.zones().getMap("'contoso.scm.azure-api.net'").isEmpty());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE
                && f.zone().equals("contoso.scm.azure-api.net")), r.findings().toString());
    }

    @Test
    void invalidIpInThePayloadIsAnInstanceErrorAndOthersCarryOn() {
        sandbox.addInternalInstance("fabrikam", "10.7.0.4", "20.7.0.4");
        sandbox.patchService("contoso", "{\"properties\":{\"privateIPAddresses\":[\"172.XX.0.5\"]}}");
        ReconcileReport r = sandbox.pass();
        assertTrue(sandbox.zones().getMap("'" + GW + "'").isEmpty(), "nothing written for contoso");
        assertEquals(List.of("10.7.0.4"), sandbox.ips("fabrikam.azure-api.net", "@"));
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.INSTANCE_ERROR
                && f.instance().equals(CONTOSO) && f.message().contains("'172.XX.0.5'")), r.findings().toString());
    }

    @Test
    void unknownEnumValuesHoldTheInstanceWithAClearReason() {
        sandbox.pass();
        sandbox.patchService("contoso",
                "{\"properties\":{\"virtualNetworkType\":\"Hybrid\",\"provisioningState\":\"Succeeded\"}}");
        sandbox.log().clear();
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of(), sandbox.writes());
        assertTrue(r.findings().stream().anyMatch(f -> f.message().contains("unknown virtualNetworkType 'Hybrid'")));
    }

    @Test
    void failedDiscoveryDeletesNothing() {
        sandbox.pass();
        sandbox.log().clear();
        sandbox.fault("{\"kind\":\"status\",\"status\":500,\"method\":\"GET\","
                + "\"path\":\".*/providers/microsoft.apimanagement/service\",\"count\":-1}");
        ReconcileReport r = sandbox.pass();
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.INSTANCE_ERROR
                && f.message().contains("HTTP 500")), r.findings().toString());
        assertEquals(List.of(), sandbox.writes(), "a failed list is not an empty list: nothing is deleted");
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
    }
}
