package io.apimdnssync.plan;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Policy;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.source.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the zones hold — foreign records, records of another deployment, of another instance, ours — and whatever
 * the instances desire, the plan never updates or deletes a record this deployment does not own for that instance,
 * and never creates over an existing record.
 */
class PlannerProperties {
    static final String ME = "me";
    static final ArmId A = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a");
    static final ArmId B = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/b");
    static final ZoneRef GW = new ZoneRef("azure", "/zones/a.azure-api.net", "a.azure-api.net");
    static final ZoneRef CUSTOMER = new ZoneRef("azure", "/zones/contoso.com", "contoso.com");
    static final ZoneRef BIND = new ZoneRef("bind", "bind|contoso.com", "contoso.com");
    static final List<ZoneRef> ZONES = List.of(GW, CUSTOMER, BIND);
    static final List<String> NAMES = List.of("@", "api", "www", "x", "portal");

    @Property(tries = 500)
    void thePlanTouchesOnlyWhatItOwns(@ForAll("states") Map<ZoneRef, List<CurrentRecord>> listed,
            @ForAll("desires") List<InstanceDesire> desires, @ForAll Policy policy) {
        Plan plan = Planner.plan(desires, ZONES, listed, new Planner.Options(ME, policy, 300));
        for (InstanceDesire d : desires) {
            if (d.verdict() == InstanceDesire.Verdict.HOLD && plan.changes().stream()
                    .anyMatch(c -> c.instance().equals(d.instance().key()))) {
                throw new AssertionError("a held instance has changes: " + plan.changes());
            }
        }
        for (Change c : plan.changes()) {
            List<CurrentRecord> there = listed.getOrDefault(c.zone(), List.of());
            Optional<CurrentRecord> existing = there.stream().filter(r -> r.relativeName().equals(c.relativeName()))
                    .findFirst();
            if (!listed.containsKey(c.zone())) {
                throw new AssertionError("a change in a zone that was not read: " + c);
            }
            switch (c.action()) {
                case CREATE -> {
                    if (existing.isPresent()) {
                        throw new AssertionError("a create over an existing record: " + c + " over " + existing);
                    }
                }
                case UPDATE, DELETE -> {
                    CurrentRecord before = c.before().orElseThrow(() -> new AssertionError("no before: " + c));
                    if (!before.ownedBy(ME, c.instance())) {
                        throw new AssertionError("touches a record it does not own: " + c + " owner "
                                + before.owner());
                    }
                    if (policy == Policy.UPSERT_ONLY && c.action() == Change.Action.DELETE) {
                        throw new AssertionError("a delete under upsert-only: " + c);
                    }
                }
            }
        }
    }

    @Provide
    Arbitrary<Map<ZoneRef, List<CurrentRecord>>> states() {
        Arbitrary<List<CurrentRecord>> gw = records(GW).list().ofMaxSize(5);
        Arbitrary<List<CurrentRecord>> customer = records(CUSTOMER).list().ofMaxSize(5);
        Arbitrary<List<CurrentRecord>> bind = records(BIND).list().ofMaxSize(5);
        Arbitrary<Integer> unread = Arbitraries.integers().between(0, 3);
        return Combinators.combine(gw, customer, bind, unread).as((g, c, b, skip) -> {
            Map<ZoneRef, List<CurrentRecord>> out = new HashMap<>();
            List<List<CurrentRecord>> all = List.of(g, c, b);
            for (int i = 0; i < ZONES.size(); i++) {
                if (i != skip) { // one zone (or none) could not be read
                    out.put(ZONES.get(i), distinctNames(all.get(i)));
                }
            }
            return out;
        });
    }

    private static List<CurrentRecord> distinctNames(List<CurrentRecord> rs) {
        Map<String, CurrentRecord> byName = new HashMap<>();
        rs.forEach(r -> byName.putIfAbsent(r.relativeName(), r));
        return new ArrayList<>(byName.values());
    }

    private Arbitrary<CurrentRecord> records(ZoneRef zone) {
        Arbitrary<Optional<Ownership>> owner = Arbitraries.of(Optional.<Ownership>empty(),
                Optional.of(Ownership.of(ME, A.key())), Optional.of(Ownership.of(ME, B.key())),
                Optional.of(Ownership.of("someone-else", A.key())),
                Optional.of(new Ownership("other-product", ME, A.key())));
        return Combinators.combine(Arbitraries.of(NAMES), ips(), owner, Arbitraries.of(true, false)).as(
                (name, ips, o, etag) -> new CurrentRecord(zone, name, ips, 300,
                        etag ? Optional.of("etag-" + name) : Optional.empty(), o, Map.of()));
    }

    private Arbitrary<List<String>> ips() {
        return Arbitraries.of("10.0.0.1", "10.0.0.2", "10.1.0.4").list().ofMinSize(1).ofMaxSize(2).uniqueElements();
    }

    @Provide
    Arbitrary<List<InstanceDesire>> desires() {
        return Combinators.combine(desire(A), desire(B)).as(List::of);
    }

    private Arbitrary<InstanceDesire> desire(ArmId id) {
        List<String> fqdns = List.of("a.azure-api.net", "api.contoso.com", "www.contoso.com", "portal.contoso.com",
                "x.a.azure-api.net", "nowhere.example.org");
        Arbitrary<DesiredRecord> record = Combinators.combine(Arbitraries.of(fqdns), ips()).as(
                (f, ips) -> new DesiredRecord(f, ips, Endpoint.GATEWAY));
        Arbitrary<InstanceDesire> publish = record.list().ofMaxSize(4)
                .map(rs -> InstanceDesire.publish(id, distinctFqdns(rs), "test"));
        return Arbitraries.oneOf(publish, Arbitraries.just(InstanceDesire.hold(id, "held")),
                Arbitraries.just(InstanceDesire.gone(id)));
    }

    private static List<DesiredRecord> distinctFqdns(List<DesiredRecord> rs) {
        Map<String, DesiredRecord> byName = new HashMap<>();
        rs.forEach(r -> byName.putIfAbsent(r.fqdn(), r));
        return new ArrayList<>(byName.values());
    }
}
