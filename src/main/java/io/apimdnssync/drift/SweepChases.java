package io.apimdnssync.drift;

import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.source.InstanceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a DNS sweep's mismatch is worth a keyed pass (ARM reads): the first time a name is seen wrong on an endpoint;
 * again after a pass since then wrote that name (it was repaired, so a new difference is new drift); and when the
 * answer changed, at most every {@link #RECHASE}. A pass that left the name untouched (a foreign record, observe mode,
 * a stale resolver) is not repeated for the same answer, nor for an answer that flaps, for {@link #RETAIN}. A
 * resolver's answer for a name the last pass wrote less than {@code sweep.cache-grace} (the TTL) ago is its cache, not
 * drift.
 */
final class SweepChases {
    static final Duration RETAIN = Duration.ofHours(1);
    static final Duration RECHASE = Duration.ofMinutes(5);

    private record Chase(String answer, Instant at) {
    }

    private final Duration cacheGrace;
    private final Map<String, Map<String, Chase>> chased = new HashMap<>();

    SweepChases(Duration cacheGrace) {
        this.cacheGrace = cacheGrace;
    }

    boolean cached(InstanceReport last, String fqdn, Instant now) {
        return wrote(last, fqdn) && last.at().plus(cacheGrace).isAfter(now);
    }

    /** Whether the instance's mismatches deserve a keyed pass now; remembers the ones chased. */
    boolean chase(InstanceReport last, List<DnsObservation> mismatches, Instant now) {
        Map<String, Chase> mine = chased.computeIfAbsent(last.instance(), k -> new HashMap<>());
        Instant passRead = last.read().snapshot().map(InstanceSnapshot::readAt).orElse(last.at());
        boolean enqueue = false;
        for (DnsObservation m : mismatches) {
            Chase c = mine.get(m.question());
            String answer = m.answer().describe();
            boolean first = c == null || c.at().plus(RETAIN).isBefore(now);
            boolean repairedSince = c != null && passRead.isAfter(c.at()) && wrote(last, m.fqdn());
            boolean changed = c != null && !c.answer().equals(answer) && c.at().plus(RECHASE).isBefore(now);
            if (first || repairedSince || changed) {
                mine.put(m.question(), new Chase(answer, now));
                enqueue = true;
            }
        }
        return enqueue;
    }

    /** Forgets instances no longer swept and chases older than {@link #RETAIN}. */
    void retain(Set<String> instances, Instant now) {
        chased.keySet().retainAll(instances);
        chased.values().forEach(m -> m.values().removeIf(c -> c.at().plus(RETAIN).isBefore(now)));
    }

    private static boolean wrote(InstanceReport last, String fqdn) {
        return last.applied().stream().anyMatch(c -> c.fqdn().equals(fqdn));
    }
}
