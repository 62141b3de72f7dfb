package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The DNS sweep on its schedule (every 2 s here) against the sandbox's resolver, which answers from the Private DNS
 * zones linked to the services' VNETs as Azure's does. The test profile runs no resync: whatever repairs an
 * out-of-band change here was enqueued by the sweep (its passes carry the trigger {@code dns-sweep}).
 */
@QuarkusTest
@TestProfile(DnsSweepTest.Sweeping.class)
class DnsSweepTest extends SandboxTestBase {
    static final int RECEIVER = 18654;
    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final String FAULT_ON_GATEWAY_WRITE = "{\"kind\":\"latency\",\"latencyMs\":3000,\"method\":\"PUT\","
            + "\"path\":\".*/privatednszones/contoso.azure-api.net/a/.*\",\"count\":1}";

    public static class Sweeping implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new java.util.HashMap<>(AlertReceiver.sink(RECEIVER));
            c.putAll(Map.of("apim-dns-sync.sweep.enabled", "true", "apim-dns-sync.sweep.interval", "2s"));
            return c;
        }
    }

    @RegisterExtension
    final AlertReceiver receiver = new AlertReceiver(RECEIVER);

    /** Alerts of this test's episodes: the sandbox's reset before each test empties the zones the last one left. */
    java.time.Instant since = java.time.Instant.now();

    long count(String type, String kind, String name) {
        return receiver.count(type, kind, name, since);
    }

    static double sweepPasses() {
        return metric("apim_dns_sync_pass_duration_seconds_count{trigger=\"dns-sweep\"}");
    }

    static double metric(String series) {
        return Management.given().get("/q/metrics").asString().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    @Test
    void aDeletedOwnedRecordIsFoundByTheSweepRepairedAndAlertedOnceOpenedOnceClosed() {
        sandbox.pass();
        since = java.time.Instant.now();
        String desired = sandbox.primaryPrivate();
        assertEquals(List.of(desired), sandbox.ips(GW, "@"));
        double before = sweepPasses();
        // The repair's write is slowed down so that the open episode can be seen while it runs.
        sandbox.fault(FAULT_ON_GATEWAY_WRITE);
        sandbox.sandbox().delete("/sandbox/zones/" + GW + "/records/@").then().statusCode(204);

        await().atMost(INTERVAL.plusSeconds(2)).untilAsserted(() -> Management.given()
                .get("/q/health/group/drift").then().statusCode(503)
                .body("checks[0].data.toString()", containsString("missing " + GW)));
        assertEquals(1.0, metric("apim_dns_sync_drift_items{kind=\"missing\",target=\"azure-private-dns\"}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("Opened", "missing", GW) == 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.ips(GW, "@").equals(List.of(desired)));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("Closed", "missing", GW) == 1);
        Management.given().get("/q/health/group/drift").then()
                .body("checks[0].data.toString()", org.hamcrest.Matchers.not(containsString(GW)));
        assertTrue(sweepPasses() > before, "the repair came from a pass the sweep enqueued");
        await().during(INTERVAL.multipliedBy(2)).atMost(INTERVAL.multipliedBy(3))
                .until(() -> count("Opened", "missing", GW) == 1 && count("Closed", "missing", GW) == 1);
    }

    @Test
    void anEditedOwnedRecordIsFoundAndRepaired() throws Exception {
        sandbox.pass();
        since = java.time.Instant.now();
        String desired = sandbox.primaryPrivate();
        String metadata = new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(sandbox.metadata(GW, "@"));
        sandbox.fault(FAULT_ON_GATEWAY_WRITE);
        sandbox.putRecord(GW, "@", "{\"ips\":[\"10.66.66.66\"],\"metadata\":" + metadata + "}");

        await().atMost(INTERVAL.plusSeconds(2)).untilAsserted(() -> Management.given().get("/api/v1/drift").then()
                .statusCode(200).body("find { it.name == '" + GW + "' }.kind", org.hamcrest.Matchers.equalTo(
                        "wrong-address"))
                .body("find { it.name == '" + GW + "' }.actual", org.hamcrest.Matchers.equalTo("10.66.66.66")));
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.ips(GW, "@").equals(List.of(desired)));
        await().atMost(Duration.ofSeconds(5)).until(() -> count("Opened", "wrong-address", GW) == 1
                && count("Closed", "wrong-address", GW) == 1);
    }

    @jakarta.inject.Inject
    io.apimdnssync.drift.ClientResolvers resolvers;

    static org.xbill.DNS.Message ask(String resolver, String name, boolean tcp) throws Exception {
        org.xbill.DNS.SimpleResolver r = io.apimdnssync.provider.NameLookup.resolver(resolver, Duration.ofSeconds(2));
        r.setTCP(tcp);
        return r.send(org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString(name + "."), org.xbill.DNS.Type.A, org.xbill.DNS.DClass.IN)));
    }

    /** Over UDP and TCP, as Azure's resolver answers a VNET: linked zones only, recursive, NXDOMAIN with the SOA. */
    @Test
    void theSandboxResolverAnswersFromTheZonesLinkedToTheServicesVnets() throws Exception {
        sandbox.pass();
        assertEquals(1, resolvers.resolvers().size(), "without configured resolvers the sandbox's is asked");
        String resolver = resolvers.resolvers().get(0);
        for (boolean tcp : List.of(false, true)) {
            org.xbill.DNS.Message a = ask(resolver, GW, tcp);
            assertEquals(org.xbill.DNS.Rcode.NOERROR, a.getRcode());
            assertEquals(List.of(sandbox.primaryPrivate()), a.getSection(org.xbill.DNS.Section.ANSWER).stream()
                    .map(r -> ((org.xbill.DNS.ARecord) r).getAddress().getHostAddress()).toList());
            assertTrue(a.getHeader().getFlag(org.xbill.DNS.Flags.RA)
                    && !a.getHeader().getFlag(org.xbill.DNS.Flags.AA), a.toString());
            org.xbill.DNS.Message none = ask(resolver, "nothing-here." + GW, tcp);
            assertEquals(org.xbill.DNS.Rcode.NXDOMAIN, none.getRcode());
            assertEquals(org.xbill.DNS.Type.SOA, none.getSection(org.xbill.DNS.Section.AUTHORITY).get(0).getType());
        }
        sandbox.putZone("unlinked.example"); // a zone linked to no VNET: the resolver does not see it
        sandbox.putRecord("unlinked.example", "www", "{\"ips\":[\"10.5.5.5\"]}");
        assertEquals(org.xbill.DNS.Rcode.NXDOMAIN, ask(resolver, "www.unlinked.example", false).getRcode());
    }

    @Test
    void aForeignRecordOnADesiredNameIsAConflictNeverOverwrittenAndNotChasedAgain() {
        sandbox.pass();
        java.time.Instant overwritten = java.time.Instant.now();
        since = overwritten;
        sandbox.putRecord(GW, "@", "{\"ips\":[\"10.77.77.77\"]}"); // no metadata: someone else's record
        await().atMost(INTERVAL.plusSeconds(5)).until(() -> count("Opened", "conflict", GW) == 1);
        double passes = sweepPasses();
        await().during(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(4))
                .until(() -> sandbox.ips(GW, "@").equals(List.of("10.77.77.77")) && sweepPasses() == passes
                        && count("Opened", "conflict", GW) == 1 && count("Closed", "conflict", GW) == 0);
        Management.given().get("/q/health/group/drift").then().statusCode(503)
                .body("checks[0].data.toString()", containsString("conflict " + GW));
        assertEquals(List.of(),
                sandbox.writes().stream()
                        .filter(w -> w.at().isAfter(overwritten) && w.path().toLowerCase().contains(GW + "/a/"))
                        .toList(),
                "the foreign record was never written");
    }
}
