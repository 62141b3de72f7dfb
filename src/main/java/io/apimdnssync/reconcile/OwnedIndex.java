package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.ZoneRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which records this deployment owns, per zone and instance, as of the newest read of each zone and the writes since
 * (a listing taken before a write — a round's shared one, say — never replaces what the index learned later). A hint for keyed work (which zones
 * and names to read) and the guard's count of everything owned; a restart rebuilds it from the first round.
 */
@ApplicationScoped
public class OwnedIndex {
    private final Map<ZoneRef, Map<String, Set<String>>> owned = new HashMap<>();
    private final Map<ZoneRef, Instant> listedAt = new HashMap<>();
    private boolean complete;

    /**
     * What a read of the zone found. A per-name read ({@code onlyNames}) replaces what the index knew of those names
     * only; a whole-zone read replaces the zone.
     */
    synchronized void update(ZoneRef zone, List<CurrentRecord> records, String ownerId, Instant at,
            Optional<Set<String>> onlyNames) {
        Instant newest = listedAt.get(zone);
        if (newest != null && newest.isAfter(at)) {
            return;
        }
        Map<String, Set<String>> perInstance = new HashMap<>();
        if (onlyNames.isPresent()) {
            owned.getOrDefault(zone, Map.of()).forEach((instance, names) -> {
                Set<String> kept = new HashSet<>(names);
                kept.removeAll(onlyNames.get());
                if (!kept.isEmpty()) {
                    perInstance.put(instance, kept);
                }
            });
        }
        records.stream().filter(r -> r.ownedBy(ownerId)).forEach(r -> perInstance
                .computeIfAbsent(r.owner().orElseThrow().instance(), k -> new HashSet<>()).add(r.relativeName()));
        owned.put(zone, perInstance);
        if (onlyNames.isEmpty()) {
            listedAt.put(zone, at);
        }
    }

    /** A round has read every zone (whole, or every name the index knows of): the total owned is known. */
    synchronized void markComplete() {
        complete = true;
    }

    /** Whether what this deployment owns is known: until a round has read every zone after a start, it is not. */
    synchronized boolean complete() {
        return complete;
    }

    /** Adjusts for writes made after the zones were read; a listing taken before them no longer replaces the zone. */
    synchronized void applied(List<Change> changes) {
        Instant now = Instant.now();
        for (Change c : changes) {
            listedAt.merge(c.zone(), now, (a, b) -> a.isAfter(b) ? a : b);
            Map<String, Set<String>> m = owned.computeIfAbsent(c.zone(), z -> new HashMap<>());
            if (c.action() == Change.Action.CREATE) {
                m.computeIfAbsent(c.instance(), k -> new HashSet<>()).add(c.relativeName());
            } else if (c.action() == Change.Action.DELETE) {
                Set<String> names = m.get(c.instance());
                if (names != null) {
                    names.remove(c.relativeName());
                    if (names.isEmpty()) {
                        m.remove(c.instance());
                    }
                }
            }
        }
    }

    /** Forgets zones no longer managed. */
    synchronized void retain(Collection<ZoneRef> zones) {
        owned.keySet().retainAll(zones);
        listedAt.keySet().retainAll(zones);
    }

    synchronized Set<ZoneRef> zonesOf(String instance) {
        Set<ZoneRef> out = new HashSet<>();
        owned.forEach((z, m) -> {
            if (m.containsKey(instance)) {
                out.add(z);
            }
        });
        return out;
    }

    /** The instances that own records in the zone. */
    synchronized Set<String> owners(ZoneRef zone) {
        return Set.copyOf(owned.getOrDefault(zone, Map.of()).keySet());
    }

    /** The relative names the instance owns in the zone. */
    synchronized Set<String> names(ZoneRef zone, String instance) {
        return Set.copyOf(owned.getOrDefault(zone, Map.of()).getOrDefault(instance, Set.of()));
    }

    synchronized long total() {
        return owned.values().stream().flatMap(m -> m.values().stream()).mapToLong(Set::size).sum();
    }
}
