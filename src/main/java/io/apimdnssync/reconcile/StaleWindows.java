package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The stale window of each record change: from the update's completion to the record written. The completion is
 * ARM's event time when an event for the instance arrived, otherwise the moment the daemon first read the new state
 * (a lower bound of the window). The Micrometer timer holds the statistics ({@code apim_dns_sync_stale_window_seconds},
 * and the p50/p99 the status API shows, over Micrometer's decaying window of the last minutes); only the latest
 * samples are kept here, for the API's detail.
 */
@ApplicationScoped
public class StaleWindows {
    private static final int KEEP = 20;

    public record Sample(String instance, String fqdn, List<String> before, List<String> after, Instant completedAt,
            String completionSource, Instant writtenAt, Duration window) {
    }

    public record Summary(int samples, Optional<Duration> p50, Optional<Duration> p99, Optional<Duration> max,
            List<Sample> recent) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private final io.micrometer.core.instrument.Timer histogram;

    StaleWindows(io.micrometer.core.instrument.MeterRegistry registry) {
        this.histogram = io.micrometer.core.instrument.Timer.builder("apim.dns.sync.stale.window")
                .description("from an update's completion to its record written")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofSeconds(60), Duration.ofSeconds(300))
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * Samples of one instance's written records. The completion is the time of the ARM event that triggered the work
     * (it travels with the work item) when it precedes the read, otherwise the read itself. Records written for an
     * instance seen for the first time (the daemon's start) close no stale window.
     */
    void record(InstanceReport r, Optional<Instant> eventTime, boolean knownBefore) {
        if (!knownBefore || r.read().snapshot().isEmpty()) {
            return;
        }
        Instant observed = r.read().snapshot().get().readAt();
        Optional<Instant> event = eventTime.filter(t -> t.isBefore(observed)
                && t.isAfter(observed.minus(Duration.ofHours(1))));
        Instant completed = event.orElse(observed);
        String source = event.isPresent() ? "event" : "observed";
        for (Change c : r.applied()) {
            if (c.action() == Change.Action.DELETE) {
                continue;
            }
            List<String> before = c.before().map(b -> b.ips()).orElse(List.of());
            add(new Sample(r.instance(), c.fqdn(), before, c.ips(), completed, source, r.at(),
                    Duration.between(completed, r.at())));
        }
    }

    private synchronized void add(Sample s) {
        histogram.record(s.window().isNegative() ? Duration.ZERO : s.window());
        if (samples.size() == KEEP) {
            samples.removeFirst();
        }
        samples.addLast(s);
    }

    /** A view over the timer: samples ever recorded, p50/p99/max of the last minutes, the latest samples. */
    public synchronized Summary summary() {
        HistogramSnapshot h = histogram.takeSnapshot();
        List<Sample> recent = samples.stream().sorted(Comparator.comparing(Sample::writtenAt).reversed()).toList();
        Optional<Duration> p50 = Optional.empty();
        Optional<Duration> p99 = Optional.empty();
        if (h.count() > 0) {
            for (ValueAtPercentile v : h.percentileValues()) {
                // Nothing in the decaying window (a quiet spell): no figure rather than 0 s.
                Optional<Duration> d = Optional.of(Duration.ofNanos((long) v.value(TimeUnit.NANOSECONDS)))
                        .filter(x -> !x.isZero());
                if (v.percentile() == 0.5) {
                    p50 = d;
                } else if (v.percentile() == 0.99) {
                    p99 = d;
                }
            }
        }
        Optional<Duration> max = Optional.of(Duration.ofNanos((long) h.max(TimeUnit.NANOSECONDS)))
                .filter(x -> !x.isZero());
        return new Summary((int) histogram.count(), p50, p99, max, recent);
    }
}
