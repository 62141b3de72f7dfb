package io.apimdnssync.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the event triggers received and did with it, by outcome. */
@ApplicationScoped
public class EventStats {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public void count(String outcome) {
        count(outcome, 1);
    }

    public void count(String outcome, long n) {
        counters.computeIfAbsent(outcome, k -> new AtomicLong()).addAndGet(n);
    }

    public long get(String outcome) {
        AtomicLong c = counters.get(outcome);
        return c == null ? 0 : c.get();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
