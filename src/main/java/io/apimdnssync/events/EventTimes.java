package io.apimdnssync.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The newest event time seen per instance: ARM stamps an operation's completion, which bounds the stale window. */
@ApplicationScoped
public class EventTimes {
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public void record(String key, Instant time) {
        last.merge(key, time, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Optional<Instant> last(String key) {
        return Optional.ofNullable(last.get(key));
    }
}
