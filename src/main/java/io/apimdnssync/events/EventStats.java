package io.apimdnssync.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the event triggers received and did with it, by outcome. */
@ApplicationScoped
public class EventStats {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    EventStats(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String outcome) {
        count(outcome, 1);
    }

    /**
     * Counts an outcome; also {@code apim_dns_sync_events_total{source,outcome}}. Outcomes are a fixed set of names
     * in the code (never caller input), so the labels stay bounded.
     */
    public void count(String outcome, long n) {
        counters.computeIfAbsent(outcome, k -> new AtomicLong()).addAndGet(n);
        String source = outcome.startsWith("webhook-") ? "webhook" : outcome.startsWith("kafka-") ? "kafka"
                : outcome.startsWith("watch-") ? "watch" : "any";
        Counter.builder("apim.dns.sync.events").description("events received and what became of them")
                .tags("source", source, "outcome", outcome).register(registry).increment(n);
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
