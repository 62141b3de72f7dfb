package io.apimdnssync.reconcile;

import io.apimdnssync.source.InstanceRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each instance was last read for real (found, or confirmed gone). A resync item carrying a snapshot the round's
 * list returned earlier than that must not be applied: it would put back what a newer read replaced. A failed read
 * or an unconfirmed 404 says nothing and changes nothing here.
 */
@ApplicationScoped
public class ReadTimes {
    private final Map<String, Instant> newest = new ConcurrentHashMap<>();

    void read(String key, InstanceRead r, Instant at) {
        Instant when = switch (r.status()) {
            case FOUND -> r.snapshot().orElseThrow().readAt();
            case GONE -> at;
            case GONE_UNCONFIRMED, FAILED -> null;
        };
        if (when != null) {
            newest.merge(key, when, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Whether the instance has been read since {@code listedAt}. */
    boolean readSince(String key, Instant listedAt) {
        Instant n = newest.get(key);
        return n != null && n.isAfter(listedAt);
    }
}
