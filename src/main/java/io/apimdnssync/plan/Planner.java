package io.apimdnssync.plan;

import io.apimdnssync.config.Policy;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Finding.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Desired records against what the providers hold → creates, updates, deletes and findings. Pure: no I/O, no clock.
 * Only records owned by this deployment ({@code ownerId}) and by a planned instance are ever changed.
 */
public final class Planner {
    private static final Comparator<ZoneRef> ZONE_ORDER = Comparator.comparing(ZoneRef::provider)
            .thenComparing(ZoneRef::id);

    private Planner() {
    }

    public record Options(String ownerId, Policy policy, long ttl) {
    }

    /**
     * @param zones  every zone the daemon manages, on every provider (for placement)
     * @param listed the current A records of the zones read this pass; a managed zone absent here is unavailable
     */
    public static Plan plan(List<InstanceDesire> desires, List<ZoneRef> zones, Map<ZoneRef, List<CurrentRecord>> listed,
            Options o) {
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        // Sorted, so that findings (kept records, say) come in the same order every time.
        Map<ZoneRef, Map<String, CurrentRecord>> index = new TreeMap<>(ZONE_ORDER);
        listed.forEach((z, records) -> {
            Map<String, CurrentRecord> byName = new TreeMap<>();
            records.forEach(r -> byName.put(r.relativeName(), r));
            index.put(z, byName);
        });
        Map<String, List<ZoneRef>> zonesByProvider = new LinkedHashMap<>();
        zones.forEach(z -> zonesByProvider.computeIfAbsent(z.provider(), t -> new ArrayList<>()).add(z));

        for (InstanceDesire d : desires) {
            String instance = d.instance().key();
            if (d.verdict() == InstanceDesire.Verdict.HOLD) {
                findings.add(Finding.of(Kind.HELD, instance, "", "", d.reason()));
                continue;
            }
            Set<String> wanted = new LinkedHashSet<>();
            Set<ZoneRef> unavailableReported = new LinkedHashSet<>();
            for (DesiredRecord r : d.records()) {
                List<ZoneRef> placed = zonesByProvider.values().stream().flatMap(t -> place(r.fqdn(), t).stream())
                        .toList();
                if (placed.isEmpty()) {
                    findings.add(
                            Finding.of(Kind.UNPLACED, instance, r.fqdn(), "", "no managed zone covers " + r.fqdn()));
                }
                for (ZoneRef z : placed) {
                    String rel = z.relativeName(r.fqdn());
                    wanted.add(key(z, rel));
                    Map<String, CurrentRecord> current = index.get(z);
                    if (current != null) {
                        planRecord(r, z, rel, current.get(rel), instance, o, changes, findings);
                    } else if (unavailableReported.add(z)) {
                        findings.add(Finding.in(z, Kind.ZONE_UNAVAILABLE, instance, r.fqdn(),
                                "zone " + z.name() + " could not be read this pass; its records are left as they are"));
                    }
                }
            }
            for (Map.Entry<ZoneRef, Map<String, CurrentRecord>> e : index.entrySet()) {
                for (CurrentRecord c : e.getValue().values()) {
                    if (!c.ownedBy(o.ownerId(), instance) || wanted.contains(key(e.getKey(), c.relativeName()))) {
                        continue;
                    }
                    if (o.policy().deletes()) {
                        changes.add(new Change(Change.Action.DELETE, c.zone(), c.relativeName(), instance, List.of(),
                                0, Optional.of(c)));
                    } else {
                        findings.add(Finding.in(c.zone(), Kind.KEPT, instance, c.fqdn(),
                                "no longer desired; kept because the policy is upsert-only"));
                    }
                }
            }
        }
        changes.sort(Comparator.comparing(Change::zone, ZONE_ORDER).thenComparing(Change::relativeName));
        return new Plan(List.copyOf(changes), List.copyOf(findings));
    }

    private static void planRecord(DesiredRecord r, ZoneRef z, String rel, CurrentRecord existing, String instance,
            Options o, List<Change> changes, List<Finding> findings) {
        if (existing == null) {
            changes.add(new Change(Change.Action.CREATE, z, rel, instance, r.ips(), o.ttl(), Optional.empty()));
            return;
        }
        if (existing.ownedBy(o.ownerId(), instance)) {
            if (!existing.ips().equals(r.ips()) || existing.ttl() != o.ttl()) {
                changes.add(
                        new Change(Change.Action.UPDATE, z, rel, instance, r.ips(), o.ttl(), Optional.of(existing)));
            }
            return;
        }
        String holder = existing.owner()
                .map(w -> w.ownerId().equals(o.ownerId()) ? "owned by instance " + w.instance()
                        : "owned by another apim-dns-sync deployment (owner-id '" + w.ownerId() + "')")
                .orElse("not owned by apim-dns-sync");
        findings.add(Finding.in(z, Kind.CONFLICT, instance, r.fqdn(),
                "record exists on " + z.provider() + " and is " + holder + " (holds " + existing.ips()
                        + "); left untouched")
                .holding(existing.ips()));
    }

    /** The most specific zones (all of that name) whose name is the fqdn or a suffix of it. */
    public static List<ZoneRef> place(String fqdn, List<ZoneRef> zones) {
        int best = zones.stream().filter(z -> z.covers(fqdn)).mapToInt(z -> z.name().length()).max().orElse(-1);
        return zones.stream().filter(z -> z.covers(fqdn) && z.name().length() == best).toList();
    }

    private static String key(ZoneRef z, String rel) {
        return z.id() + "|" + rel;
    }
}
