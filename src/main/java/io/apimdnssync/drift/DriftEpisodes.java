package io.apimdnssync.drift;

import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.source.InstanceRead;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Drift episodes: an episode opens when an item is first seen and closes when it is gone (repaired, or resolved by
 * someone); one WARN line at the opening, one INFO line at the closing — never one per check. Fed by every
 * instance's report; a held pass (an update runs, the read failed) changes no episode.
 */
@ApplicationScoped
public class DriftEpisodes {
    private static final Logger LOG = Logger.getLogger(DriftEpisodes.class);

    private final MeterRegistry registry;
    private final MultiGauge items;
    private final Map<String, Map<String, DriftItem>> open = new HashMap<>();
    private final Map<String, List<DesiredRecord>> lastDesire = new HashMap<>();

    private final AlertOutbox alerts;

    DriftEpisodes(MeterRegistry registry, AlertOutbox alerts) {
        this.registry = registry;
        this.alerts = alerts;
        this.items = MultiGauge.builder("apim.dns.sync.drift.items").description("open drift items by kind and target")
                .register(registry);
        for (DriftKind k : DriftKind.values()) {
            episodes(k);
        }
    }

    void onReport(@Observes InstanceReport r) {
        boolean leftScope = r.findings().stream()
                .anyMatch(f -> f.kind() == Finding.Kind.OUT_OF_SCOPE
                        && f.instance().equals(r.instance()));
        if (DriftClassifier.held(r) && !leftScope) {
            return;
        }
        synchronized (this) {
            Optional<List<DesiredRecord>> previous = Optional.ofNullable(lastDesire.get(r.instance()));
            lastDesire.put(r.instance(), r.desire().records());
            Map<String, DriftItem> before = open.getOrDefault(r.instance(), Map.of());
            Map<String, DriftItem> now = new LinkedHashMap<>();
            for (DriftItem seen : leftScope ? List.<DriftItem>of() : DriftClassifier.items(r, previous)) {
                DriftItem known = before.get(seen.key());
                DriftItem item = known == null ? seen : known.seenAgain(seen.lastSeen());
                if (known == null) {
                    episodes(item.kind()).increment();
                    LOG.warnf("drift opened: %s", item);
                    alerts.opened(item);
                }
                if (repaired(r, item)) {
                    LOG.infof("drift closed: %s (repaired)", item);
                    alerts.closed(item, "repaired");
                } else {
                    now.put(item.key(), item);
                }
            }
            before.values().stream().filter(i -> !now.containsKey(i.key())).forEach(i -> {
                LOG.infof("drift closed: %s", i);
                alerts.closed(i, "gone");
            });
            if (now.isEmpty()) {
                open.remove(r.instance());
            } else {
                open.put(r.instance(), now);
            }
            if (leftScope || r.read().status() == InstanceRead.Status.GONE) {
                lastDesire.remove(r.instance());
            }
            refresh();
        }
    }

    /** A missing or wrong record this pass wrote. */
    private static boolean repaired(InstanceReport r, DriftItem item) {
        return r.applied().stream().anyMatch(c -> c.action() != Change.Action.DELETE && c.fqdn().equals(item.name())
                && c.zone().provider().equals(item.target()) && c.zone().name().equals(item.zone()))
                && (item.kind() == DriftKind.MISSING || item.kind() == DriftKind.WRONG_ADDRESS);
    }

    /** Every open item, oldest first. */
    public synchronized List<DriftItem> open() {
        List<DriftItem> out = new ArrayList<>();
        open.values().forEach(m -> out.addAll(m.values()));
        out.sort(Comparator.comparing(DriftItem::firstSeen));
        return out;
    }

    private Counter episodes(DriftKind kind) {
        return Counter.builder("apim.dns.sync.drift.episodes").description("drift episodes opened, by kind")
                .tag("kind", kind.wireName()).register(registry);
    }

    private void refresh() {
        Map<List<String>, Long> counts = open.values().stream().flatMap(m -> m.values().stream()).collect(
                Collectors.groupingBy(i -> List.of(i.kind().wireName(), i.target()), Collectors.counting()));
        items.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("kind", e.getKey().get(0),
                "target", e.getKey().get(1)), e.getValue())).toList(), true);
    }
}
