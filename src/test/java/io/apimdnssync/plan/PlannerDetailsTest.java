package io.apimdnssync.plan;

import static io.apimdnssync.plan.PlannerTest.A;
import static io.apimdnssync.plan.PlannerTest.B;
import static io.apimdnssync.plan.PlannerTest.CUSTOMER;
import static io.apimdnssync.plan.PlannerTest.GW;
import static io.apimdnssync.plan.PlannerTest.SYNC;
import static io.apimdnssync.plan.PlannerTest.ZONES;
import static io.apimdnssync.plan.PlannerTest.ours;
import static io.apimdnssync.plan.PlannerTest.publish;
import static io.apimdnssync.plan.PlannerTest.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the table in PlannerTest does not pin: single-name removal, order, and what findings say and name. */
class PlannerDetailsTest {

    @Test
    void removingOneOfAnInstancesNamesDeletesExactlyItsRecord() {
        Map<ZoneRef, List<CurrentRecord>> listed = Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A))),
                CUSTOMER, List.of(rec(CUSTOMER, "api", "10.0.0.1", ours(A)), rec(CUSTOMER, "shop", "10.0.0.1",
                        ours(A)), rec(CUSTOMER, "www", "10.0.0.1", ours(B))));
        Plan p = Planner.plan(List.of(publish(A, "a.azure-api.net", "10.0.0.1", "api.contoso.com", "10.0.0.1")),
                ZONES, listed, SYNC);
        assertEquals(List.of("DELETE shop.contoso.com (was [10.0.0.1])"), p.changes().stream().map(Change::toString)
                .toList());
        assertEquals(A.key(), p.changes().get(0).instance());
        assertEquals(CUSTOMER, p.changes().get(0).zone());
        assertEquals(List.of(), p.findings());
    }

    @Test
    void changesComeOrderedByProviderThenZoneIdThenName() {
        // Orders that differ: by provider "azure" < "rfc2136:dc1" although the server's zone id sorts first; by zone
        // id "/zones/1" < "/zones/2" although its names sort last.
        ZoneRef second = new ZoneRef("azure", "/zones/2", "b.example");
        ZoneRef first = new ZoneRef("azure", "/zones/1", "a.example");
        ZoneRef server = new ZoneRef("rfc2136:dc1", "!server|c.example", "c.example");
        Plan p = Planner.plan(List.of(publish(A, "b.b.example", "10.0.0.1", "a.b.example", "10.0.0.1", "z.a.example",
                "10.0.0.1", "y.a.example", "10.0.0.1", "a.c.example", "10.0.0.1")), List.of(second, server, first),
                Map.of(first, List.of(), second, List.of(), server, List.of()), SYNC);
        assertEquals(List.of("azure /zones/1 y", "azure /zones/1 z", "azure /zones/2 a", "azure /zones/2 b",
                "rfc2136:dc1 !server|c.example a"),
                p.changes().stream()
                        .map(c -> c.zone().provider() + " " + c.zone().id() + " " + c.relativeName()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not ours at all         | -  | -                 | not owned by apim-dns-sync",
            "another instance        | me | b                 | owned by instance /subscriptions/s/resourcegroups/g/providers/microsoft.apimanagement/service/b",
            "another deployment      | them | a               | owned by another apim-dns-sync deployment (owner-id 'them')",
    })
    void aConflictSaysWhoHoldsTheName(String label, String ownerId, String instance, String holder) {
        Optional<Ownership> owner = ownerId.equals("-") ? Optional.empty()
                : Optional.of(Ownership.of(ownerId, (instance.equals("a") ? A : B).key()));
        Plan p = Planner.plan(List.of(publish(A, "api.contoso.com", "10.0.0.1")), ZONES,
                Map.of(CUSTOMER, List.of(rec(CUSTOMER, "api", "10.9.9.9", owner))), SYNC);
        assertEquals(List.of(), p.changes());
        Finding f = p.findings().get(0);
        assertEquals(Finding.Kind.CONFLICT, f.kind());
        assertEquals(A.key(), f.instance());
        assertEquals("api.contoso.com", f.name());
        assertEquals("contoso.com", f.zone());
        assertEquals("azure", f.provider());
        assertEquals("record exists on azure and is " + holder + " (holds [10.9.9.9]); left untouched", f.message());
    }

    @Test
    void findingsNameTheirInstanceNameAndZone() {
        Plan p = Planner.plan(List.of(publish(A, "a.example.org", "10.0.0.1", "api.contoso.com", "10.0.0.1"),
                InstanceDesire(B)), ZONES, Map.of(GW, List.of()), SYNC);
        Finding unplaced = p.findings().stream().filter(f -> f.kind() == Finding.Kind.UNPLACED).findFirst()
                .orElseThrow();
        assertEquals(List.of(A.key(), "a.example.org", "", "no managed zone covers a.example.org"),
                List.of(unplaced.instance(), unplaced.name(), unplaced.zone(), unplaced.message()));
        Finding unavailable = p.findings().stream().filter(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE)
                .findFirst().orElseThrow();
        assertEquals(List.of(A.key(), "api.contoso.com", "contoso.com"), List.of(unavailable.instance(),
                unavailable.name(), unavailable.zone()));
        assertTrue(unavailable.message().contains("could not be read"), unavailable.message());
        Finding held = p.findings().stream().filter(f -> f.kind() == Finding.Kind.HELD).findFirst().orElseThrow();
        assertEquals(List.of(B.key(), "Updating since 10:00"), List.of(held.instance(), held.message()));
    }

    @Test
    void keptRecordsAreNamedUnderUpsertOnly() {
        Plan p = Planner.plan(List.of(publish(A)), ZONES, Map.of(CUSTOMER, List.of(rec(CUSTOMER, "shop", "10.0.0.1",
                ours(A)))), PlannerTest.UPSERT);
        Finding kept = p.findings().get(0);
        assertEquals(List.of(Finding.Kind.KEPT, A.key(), "shop.contoso.com", "contoso.com"), List.of(kept.kind(),
                kept.instance(), kept.name(), kept.zone()));
    }

    @Test
    void keptRecordsAreReportedInZoneAndNameOrder() {
        ZoneRef third = new ZoneRef("azure", "/zones/3", "c.example");
        ZoneRef first = new ZoneRef("azure", "/zones/1", "a.example");
        ZoneRef second = new ZoneRef("azure", "/zones/2", "b.example");
        Map<ZoneRef, List<CurrentRecord>> listed = new java.util.HashMap<>();
        for (ZoneRef z : List.of(third, first, second)) {
            listed.put(z, List.of(rec(z, "y", "10.0.0.1", ours(A)), rec(z, "x", "10.0.0.1", ours(A))));
        }
        Plan p = Planner.plan(List.of(publish(A)), List.of(third, first, second), listed, PlannerTest.UPSERT);
        assertEquals(List.of("x.a.example", "y.a.example", "x.b.example", "y.b.example", "x.c.example",
                "y.c.example"), p.findings().stream().map(Finding::name).toList());
    }

    private static io.apimdnssync.desired.InstanceDesire InstanceDesire(io.apimdnssync.arm.ArmId id) {
        return io.apimdnssync.desired.InstanceDesire.hold(id, "Updating since 10:00");
    }
}
