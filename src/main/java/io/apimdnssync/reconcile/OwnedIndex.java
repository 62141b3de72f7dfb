package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.ZoneRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which zones hold records owned by which instance, and how many records this deployment owns, as of the latest
 * listing of each zone. Only a hint for targeted passes; a restart rebuilds it from the first full pass.
 */
final class OwnedIndex {
    private final Map<ZoneRef, Map<String, Integer>> ownedPerZone = new HashMap<>();

    synchronized void update(ZoneRef zone, List<CurrentRecord> records, String ownerId) {
        Map<String, Integer> perInstance = new HashMap<>();
        records.stream().filter(r -> r.ownedBy(ownerId))
                .forEach(r -> perInstance.merge(r.owner().orElseThrow().instance(), 1, Integer::sum));
        ownedPerZone.put(zone, perInstance);
    }

    /** Adjusts the counts for writes made after the zones were listed. */
    synchronized void applied(List<Change> changes) {
        for (Change c : changes) {
            Map<String, Integer> m = ownedPerZone.computeIfAbsent(c.zone(), z -> new HashMap<>());
            if (c.action() == Change.Action.CREATE) {
                m.merge(c.instance(), 1, Integer::sum);
            } else if (c.action() == Change.Action.DELETE) {
                m.computeIfPresent(c.instance(), (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /** Forgets zones that are no longer managed. */
    synchronized void retain(java.util.Collection<ZoneRef> zones) {
        ownedPerZone.keySet().retainAll(zones);
    }

    synchronized Set<ZoneRef> zonesOf(String instance) {
        Set<ZoneRef> out = new HashSet<>();
        ownedPerZone.forEach((z, m) -> {
            if (m.containsKey(instance)) {
                out.add(z);
            }
        });
        return out;
    }

    synchronized Set<String> instances() {
        Set<String> out = new HashSet<>();
        ownedPerZone.values().forEach(m -> out.addAll(m.keySet()));
        return out;
    }

    synchronized long total() {
        return ownedPerZone.values().stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
    }

    synchronized boolean known() {
        return !ownedPerZone.isEmpty();
    }
}
