package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ChangeReason;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The reconciler's meters (Prometheus names in the README's metric table): passes, their failures and durations,
 * record changes, the last successful pass per instance, instances by state and mode, updates in progress. Labels are
 * bounded: trigger sources, kinds and actions are fixed sets; instances are the configured ones (an instance that is
 * gone loses its series).
 */
@ApplicationScoped
public class SyncMetrics {
    private final MeterRegistry registry;
    private final StatusStore status;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final MultiGauge instances;

    SyncMetrics(MeterRegistry registry, StatusStore status) {
        this.registry = registry;
        this.status = status;
        Gauge.builder("apim.dns.sync.updates.in.progress", status, StatusStore::updatesInProgress)
                .description("instances whose update (provisioning) is in progress").register(registry);
        this.instances = MultiGauge.builder("apim.dns.sync.instances")
                .description("instances by read state and network mode").register(registry);
        // Present from the start at zero, so that rates and alert rules see the series before the first failure.
        List.of("instance-read", "zone-read", "write", "round-incomplete").forEach(this::failures);
    }

    /** One work item for an instance ended. */
    void item(String trigger, InstanceReport r, Duration took) {
        passDuration(trigger).record(took);
        failureKind(r).ifPresent(kind -> failures(kind).increment());
        String name = r.read().snapshot().map(InstanceSnapshot::name).orElse(r.read().id().name());
        if (r.read().status() == InstanceRead.Status.GONE) {
            AtomicLong gone = lastSuccess.remove(name);
            if (gone != null) {
                registry.find("apim.dns.sync.last.successful.pass.timestamp").tag("instance", name).meters()
                        .forEach(registry::remove);
            }
        } else if (r.healthy() && r.read().status() == InstanceRead.Status.FOUND) {
            lastSuccess.computeIfAbsent(name, n -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("apim.dns.sync.last.successful.pass.timestamp", v, AtomicLong::get)
                        .description("when the instance last converged (epoch seconds)").baseUnit("seconds")
                        .tags("instance", n).register(registry);
                return v;
            }).set(r.at().getEpochSecond());
        }
        refreshInstances();
    }

    /** A resync round ended. */
    void round(String trigger, Instant started, boolean complete) {
        passDuration(trigger).record(Duration.between(started, Instant.now()));
        if (!complete) {
            failures("round-incomplete").increment();
        }
    }

    /** A change that was made. */
    void changed(Change c, ChangeReason reason) {
        Counter.builder("apim.dns.sync.record.changes").description("DNS record changes made")
                .tags("action", c.action().name().toLowerCase(Locale.ROOT), "target", c.zone().provider(), "reason",
                        reason.wireName())
                .register(registry).increment();
    }

    static Optional<String> failureKind(InstanceReport r) {
        if (r.read().status() == InstanceRead.Status.FAILED) {
            return Optional.of("instance-read");
        }
        if (!r.failures().isEmpty()) {
            return Optional.of("write");
        }
        if (r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE)) {
            return Optional.of("zone-read");
        }
        return Optional.empty();
    }

    private Timer passDuration(String trigger) {
        return Timer.builder("apim.dns.sync.pass.duration").description("duration of work items and rounds")
                .tag("trigger", trigger).register(registry);
    }

    private Counter failures(String kind) {
        return Counter.builder("apim.dns.sync.pass.failures").description("work items and rounds that failed")
                .tag("kind", kind).register(registry);
    }

    private void refreshInstances() {
        Map<List<String>, Long> counts = status.instances().stream().collect(Collectors.groupingBy(
                r -> List.of(r.read().status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        r.read().snapshot().map(InstanceSnapshot::virtualNetworkType).orElse("unknown")
                                .toLowerCase(Locale.ROOT)),
                Collectors.counting()));
        instances.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("state",
                e.getKey().get(0), "network_mode", e.getKey().get(1)), e.getValue())).toList(), true);
    }
}
