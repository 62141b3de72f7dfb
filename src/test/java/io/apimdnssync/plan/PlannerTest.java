package io.apimdnssync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Policy;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.source.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
    static final ArmId A = ArmId.parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a")
            .orElseThrow();
    static final ArmId B = ArmId.parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/b")
            .orElseThrow();
    static final ZoneRef GW = zone("a.azure-api.net");
    static final ZoneRef CUSTOMER = zone("contoso.com");
    static final ZoneRef SUB = zone("api.contoso.com");
    static final List<ZoneRef> ZONES = List.of(GW, CUSTOMER);
    static final Planner.Options SYNC = new Planner.Options("me", Policy.SYNC, 300);
    static final Planner.Options UPSERT = new Planner.Options("me", Policy.UPSERT_ONLY, 300);

    static ZoneRef zone(String name) {
        return new ZoneRef("azure", "/zones/" + name, name);
    }

    static CurrentRecord rec(ZoneRef z, String rel, String ip, Optional<Ownership> owner) {
        return new CurrentRecord(z, rel, List.of(ip), 300, Optional.of("etag-" + rel), owner, Map.of());
    }

    static Optional<Ownership> ours(ArmId id) {
        return Optional.of(Ownership.of("me", id.key()));
    }

    static InstanceDesire publish(ArmId id, String... nameIp) {
        List<DesiredRecord> r = new ArrayList<>();
        for (int i = 0; i < nameIp.length; i += 2) {
            r.add(new DesiredRecord(nameIp[i], List.of(nameIp[i + 1]), Endpoint.GATEWAY));
        }
        return InstanceDesire.publish(id, r, "test");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("create at the apex", publish(A, "a.azure-api.net", "10.0.0.1"), Map.of(GW, List.of()),
                        SYNC, List.of("CREATE a.azure-api.net -> [10.0.0.1]"), List.of()),
                Arguments.of("no change when equal", publish(A, "a.azure-api.net", "10.0.0.1"),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A)))), SYNC, List.of(), List.of()),
                Arguments.of("update owned VIP", publish(A, "a.azure-api.net", "10.0.0.2"),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A)))), SYNC,
                        List.of("UPDATE a.azure-api.net -> [10.0.0.2] (was [10.0.0.1])"), List.of()),
                Arguments.of("foreign record is a conflict", publish(A, "api.contoso.com", "10.0.0.1"),
                        Map.of(CUSTOMER, List.of(rec(CUSTOMER, "api", "10.9.9.9", Optional.empty()))), SYNC,
                        List.of(), List.of(Finding.Kind.CONFLICT)),
                Arguments.of("other deployment's record is a conflict", publish(A, "api.contoso.com", "10.0.0.1"),
                        Map.of(CUSTOMER, List.of(rec(CUSTOMER, "api", "10.9.9.9",
                                Optional.of(Ownership.of("someone-else", A.key()))))),
                        SYNC,
                        List.of(), List.of(Finding.Kind.CONFLICT)),
                Arguments.of("other instance's record is a conflict", publish(A, "api.contoso.com", "10.0.0.1"),
                        Map.of(CUSTOMER, List.of(rec(CUSTOMER, "api", "10.9.9.9", ours(B)))), SYNC,
                        List.of(), List.of(Finding.Kind.CONFLICT)),
                Arguments.of("owned but undesired is deleted under sync", publish(A),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A)))), SYNC,
                        List.of("DELETE a.azure-api.net (was [10.0.0.1])"), List.of()),
                Arguments.of("owned but undesired is kept under upsert-only", publish(A),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A)))), UPSERT,
                        List.of(), List.of(Finding.Kind.KEPT)),
                Arguments.of("other instance's records are never deleted", publish(A),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(B)))), SYNC, List.of(), List.of()),
                Arguments.of("foreign records are never deleted", publish(A),
                        Map.of(CUSTOMER, List.of(rec(CUSTOMER, "www", "10.0.0.1", Optional.empty()))), SYNC,
                        List.of(), List.of()),
                Arguments.of("unplaced name", publish(A, "a.example.org", "10.0.0.1"), Map.of(GW, List.of()), SYNC,
                        List.of(), List.of(Finding.Kind.UNPLACED)),
                Arguments.of("unavailable zone changes nothing", publish(A, "api.contoso.com", "10.0.0.1"),
                        Map.of(), SYNC, List.of(), List.of(Finding.Kind.ZONE_UNAVAILABLE)),
                Arguments.of("hold changes nothing", InstanceDesire.hold(A, "Updating"),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A)))), SYNC, List.of(),
                        List.of(Finding.Kind.HELD)),
                Arguments.of("gone instance loses its records", InstanceDesire.gone(A),
                        Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A))),
                                CUSTOMER, List.of(rec(CUSTOMER, "api", "10.0.0.1", ours(A)))),
                        SYNC,
                        List.of("DELETE a.azure-api.net (was [10.0.0.1])", "DELETE api.contoso.com (was [10.0.0.1])"),
                        List.of()),
                Arguments.of("ttl drift is an update", publish(A, "a.azure-api.net", "10.0.0.1"),
                        Map.of(GW, List.of(new CurrentRecord(GW, "@", List.of("10.0.0.1"), 3600, Optional.of("e"),
                                ours(A), Map.of()))),
                        SYNC,
                        List.of("UPDATE a.azure-api.net -> [10.0.0.1] (was [10.0.0.1])"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, InstanceDesire desire, Map<ZoneRef, List<CurrentRecord>> listed, Planner.Options o,
            List<String> changes, List<Finding.Kind> findings) {
        Plan p = Planner.plan(List.of(desire), ZONES, listed, o);
        assertEquals(changes.stream().sorted().toList(), p.changes().stream().map(Change::toString).sorted().toList());
        assertEquals(findings, p.findings().stream().map(Finding::kind).toList());
    }

    @Test
    void mostSpecificZoneWinsAndApexIsAt() {
        List<ZoneRef> zones = List.of(CUSTOMER, SUB, GW);
        assertEquals(List.of(SUB), Planner.place("api.contoso.com", zones));
        assertEquals(List.of(SUB), Planner.place("v2.api.contoso.com", zones));
        assertEquals(List.of(CUSTOMER), Planner.place("www.contoso.com", zones));
        assertEquals(List.of(), Planner.place("notcontoso.com", zones));
        assertEquals("@", SUB.relativeName("api.contoso.com"));
        assertEquals("v2", SUB.relativeName("v2.api.contoso.com"));
    }

    @Test
    void sameZoneNameInTwoHubsGetsTheRecordTwice() {
        ZoneRef hub1 = new ZoneRef("azure", "/hub1/a.azure-api.net", "a.azure-api.net");
        ZoneRef hub2 = new ZoneRef("azure", "/hub2/a.azure-api.net", "a.azure-api.net");
        Plan p = Planner.plan(List.of(publish(A, "a.azure-api.net", "10.0.0.1")), List.of(hub1, hub2),
                Map.of(hub1, List.of(), hub2, List.of()), SYNC);
        assertEquals(2, p.changes().size());
    }

    @Test
    void createsCarryNoVersionAndUpdatesCarryTheListedOne() {
        Plan p = Planner.plan(List.of(publish(A, "a.azure-api.net", "10.0.0.2", "api.contoso.com", "10.0.0.2")), ZONES,
                Map.of(GW, List.of(rec(GW, "@", "10.0.0.1", ours(A))), CUSTOMER, List.of()), SYNC);
        Change update = p.changes().stream().filter(c -> c.action() == Change.Action.UPDATE).findFirst().orElseThrow();
        Change create = p.changes().stream().filter(c -> c.action() == Change.Action.CREATE).findFirst().orElseThrow();
        assertEquals(Optional.of("etag-@"), update.expectedVersion());
        assertEquals(Optional.empty(), create.expectedVersion());
    }
}
