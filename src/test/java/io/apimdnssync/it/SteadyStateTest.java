package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.sandbox.RequestLog;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A second resync over N instances and Z zones: zero writes, one list call per zone page. */
@QuarkusTest
class SteadyStateTest extends SandboxTestBase {

    @Test
    void secondResyncMakesNoWritesAndOneListCallPerZonePage() {
        int extra = 4;
        for (int i = 0; i < extra; i++) {
            sandbox.addInternalInstance("inst" + i, "10.8." + i + ".4", "20.8." + i + ".4");
        }
        // 150 foreign records in the customer zone: with ARM's default page size of 100 that is two pages.
        for (int i = 0; i < 150; i++) {
            sandbox.putRecord("contoso.com", "host" + i, "{\"ips\":[\"10.200.0." + (i % 250 + 1) + "\"]}");
        }
        ReconcileReport first = sandbox.pass();
        int zones = first.zonesListed();
        assertEquals(8 + extra * 5, zones);
        assertEquals(8 + extra * 5, first.applied().size());

        sandbox.log().clear();
        ReconcileReport second = sandbox.pass();
        assertEquals(List.of(), second.planned());
        assertEquals(List.of(), sandbox.writes(), "steady state makes zero writes");

        Map<String, Long> listsPerZone = sandbox.log().matching(e -> e.method().equals("GET")
                && e.pathMatches(".*/privatednszones/[^/]+/a")).stream()
                .collect(Collectors.groupingBy(
                        e -> e.path().toLowerCase().replaceAll(".*/privatednszones/([^/]+)/a$", "$1"),
                        Collectors.counting()));
        assertEquals(zones, listsPerZone.size(), "every zone listed");
        listsPerZone.forEach((zone, calls) -> assertEquals(zone.equals("contoso.com") ? 2L : 1L, calls, zone));
        long recordGets = sandbox.log().matching(e -> e.method().equals("GET")
                && e.pathMatches(".*/privatednszones/[^/]+/a/[^/]+")).size();
        assertEquals(0, recordGets, "no GET per record");
        long linkLists = sandbox.log().matching(e -> e.pathMatches(".*/virtualnetworklinks")).size();
        assertEquals(0, linkLists, "links are cached between resyncs");
        List<RequestLog.Entry> instanceReads = sandbox.log().matching(e -> e.pathMatches(
                ".*/providers/microsoft.apimanagement/service(/[^/]+)?"));
        assertEquals(1, instanceReads.size(), "one paged list discovers every instance");
    }
}
