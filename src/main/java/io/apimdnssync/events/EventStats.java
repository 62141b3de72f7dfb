package io.apimdnssync.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * What the event triggers received and did with it, by outcome: the counters are Micrometer's
 * ({@code apim_dns_sync_events_total{source,outcome}}); the status API's figures are a view over them.
 */
@ApplicationScoped
public class EventStats {
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
        String source = outcome.startsWith("webhook-") ? "webhook" : outcome.startsWith("kafka-") ? "kafka"
                : outcome.startsWith("watch-") ? "watch" : "any";
        Counter.builder("apim.dns.sync.events").description("events received and what became of them")
                .tags("source", source, "outcome", outcome).register(registry).increment(n);
    }

    public long get(String outcome) {
        return (long) registry.find("apim.dns.sync.events").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.TreeMap<>();
        registry.find("apim.dns.sync.events").counters()
                .forEach(c -> out.merge(c.getId().getTag("outcome"), (long) c.count(), Long::sum));
        return out;
    }
}
