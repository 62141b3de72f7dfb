package io.apimdnssync.drift;

import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.reconcile.PlannedChanges;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Drift episodes: an episode opens when an item is first seen and closes when it is gone (repaired, or resolved by
 * someone); one WARN line at the opening, one INFO line at the closing — never one per check. Fed by every
 * instance's report; a held pass (an update runs, the read failed) changes no episode. A pass's plan opens the
 * missing and wrong-address items it is about to repair, so they show before the writes end.
 * <p>
 * The DNS sweep feeds what resolvers answer. An answer no pass explains — a pass ran after it was first seen, found
 * nothing wrong with the name and wrote nothing to it — is a {@code resolution-mismatch}; a resolver that does not
 * answer is {@code target-unreachable}. Those items belong to the sweep: a later sweep closes them.
 */
@Startup
@ApplicationScoped
public class DriftEpisodes {
    private static final Logger LOG = Logger.getLogger(DriftEpisodes.class);

    private final MeterRegistry registry;
    private final MultiGauge items;
    private final Map<String, Map<String, DriftItem>> open = new HashMap<>();
    private final Map<String, List<DesiredRecord>> lastDesire = new HashMap<>();
    /** Items the DNS sweep owns, per instance. */
    private final Map<String, Map<String, DriftItem>> sweepOpen = new HashMap<>();
    /** When each current sweep mismatch was first seen, per instance. */
    private final Map<String, Map<String, Instant>> sweepFirstSeen = new HashMap<>();

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

    void onPlanned(@Observes PlannedChanges p) {
        try {
            planned(p);
        } catch (RuntimeException e) {
            LOG.errorf(e, "drift episodes could not take the plan of %s; the pass goes on", p.instance());
        }
    }

    private void planned(PlannedChanges p) {
        synchronized (this) {
            Optional<List<DesiredRecord>> previous = Optional.ofNullable(lastDesire.get(p.instance()));
            Map<String, DriftItem> known = open.computeIfAbsent(p.instance(), k -> new LinkedHashMap<>());
            for (DriftItem seen : DriftClassifier.drifted(p.instance(), p.planned(), p.desire(), false, previous,
                    p.at())) {
                if (!known.containsKey(seen.key())) {
                    opened(seen);
                    known.put(seen.key(), seen);
                }
            }
            if (known.isEmpty()) {
                open.remove(p.instance());
            }
            refresh();
        }
    }

    /**
     * One sweep's mismatches per swept instance (with the report the sweep judged by), and the endpoints that did not
     * answer: opens and closes the sweep's items. Instances not swept (an update runs) keep theirs.
     */
    void swept(Map<String, List<DnsObservation>> mismatches, List<InstanceReport> passes,
            Map<String, String> unreachable, Instant at) {
        synchronized (this) {
            for (InstanceReport lastPass : passes) {
                String instance = lastPass.instance();
                Map<String, Instant> before = sweepFirstSeen.getOrDefault(instance, Map.of());
                Map<String, Instant> first = new HashMap<>();
                Map<String, DriftItem> now = new LinkedHashMap<>();
                for (DnsObservation m : mismatches.getOrDefault(instance, List.of())) {
                    Instant since = before.getOrDefault(m.question(), at);
                    first.put(m.question(), since);
                    DriftItem item = new DriftItem(DriftKind.RESOLUTION_MISMATCH, instance, m.endpoint(), "",
                            m.fqdn(), String.join(",", m.expected()), m.answer().describe(), since, at);
                    // Opens once a pass after the first sighting found nothing to explain it; stays open while the
                    // resolver keeps answering otherwise, whatever later passes write.
                    boolean open = sweepOpen.getOrDefault(instance, Map.of()).containsKey(item.key());
                    if (open || (readAt(lastPass).isAfter(since) && !explained(m, lastPass))) {
                        now.put(item.key(), item);
                    }
                }
                put(sweepFirstSeen, instance, first);
                replace(instance, now, at);
            }
            Map<String, DriftItem> endpoints = new LinkedHashMap<>();
            unreachable.forEach((endpoint, why) -> {
                DriftItem item = new DriftItem(DriftKind.TARGET_UNREACHABLE, "", endpoint, "", "", "", why, at, at);
                endpoints.put(item.key(), item);
            });
            replace("", endpoints, at);
            refresh();
        }
    }

    /** The sweep's items of one instance (or of the endpoints, "") become {@code now}: opened, seen again, closed. */
    private void replace(String instance, Map<String, DriftItem> now, Instant at) {
        Map<String, DriftItem> was = sweepOpen.getOrDefault(instance, Map.of());
        Map<String, DriftItem> merged = new LinkedHashMap<>();
        now.forEach((key, item) -> {
            DriftItem known = was.get(key);
            if (known == null) {
                opened(item);
                merged.put(key, item);
            } else {
                merged.put(key, known.seenAgain(at, item.actual()));
            }
        });
        was.values().stream().filter(i -> !now.containsKey(i.key())).forEach(i -> closed(i, "gone"));
        put(sweepOpen, instance, merged);
    }

    private static Instant readAt(InstanceReport r) {
        return r.read().snapshot().map(InstanceSnapshot::readAt).orElse(r.at());
    }

    /** The pass classified the name (or its zone), or wrote it. */
    private boolean explained(DnsObservation m, InstanceReport lastPass) {
        boolean classified = open.getOrDefault(m.instance(), Map.of()).values().stream()
                .anyMatch(i -> i.name().equals(m.fqdn())
                        || (i.name().isEmpty() && !i.zone().isEmpty() && (m.fqdn().equals(i.zone())
                                || m.fqdn().endsWith("." + i.zone()))));
        return classified || lastPass.applied().stream().anyMatch(c -> c.fqdn().equals(m.fqdn()));
    }

    void onReport(@Observes InstanceReport r) {
        try {
            report(r);
        } catch (RuntimeException e) {
            LOG.errorf(e, "drift episodes could not take the report of %s; the pass goes on", r.instance());
        }
    }

    private void report(InstanceReport r) {
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
            Set<String> repairedNow = new HashSet<>();
            for (DriftItem seen : leftScope ? List.<DriftItem>of() : DriftClassifier.items(r, previous)) {
                DriftItem known = before.get(seen.key());
                DriftItem item = known == null ? seen : known.seenAgain(seen.lastSeen());
                if (known == null) {
                    opened(item);
                }
                if (repaired(r, item)) {
                    closed(item, "repaired");
                    repairedNow.add(item.key());
                } else {
                    now.put(item.key(), item);
                }
            }
            before.values().stream().filter(i -> !now.containsKey(i.key()) && !repairedNow.contains(i.key()))
                    .forEach(i -> closed(i, "gone"));
            put(open, r.instance(), now);
            if (leftScope || r.read().status() == InstanceRead.Status.GONE) {
                lastDesire.remove(r.instance());
                sweepOpen.getOrDefault(r.instance(), Map.of()).values().forEach(i -> closed(i, "gone"));
                sweepOpen.remove(r.instance());
                sweepFirstSeen.remove(r.instance());
            }
            refresh();
        }
    }

    private void opened(DriftItem item) {
        episodes(item.kind()).increment();
        LOG.warnf("drift opened: %s", item);
        alerts.opened(item);
    }

    private void closed(DriftItem item, String how) {
        LOG.infof("drift closed: %s (%s)", item, how);
        alerts.closed(item, how);
    }

    private static <V> void put(Map<String, Map<String, V>> items, String instance, Map<String, V> now) {
        if (now.isEmpty()) {
            items.remove(instance);
        } else {
            items.put(instance, now);
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
        sweepOpen.values().forEach(m -> out.addAll(m.values()));
        out.sort(Comparator.comparing(DriftItem::firstSeen));
        return out;
    }

    private Counter episodes(DriftKind kind) {
        return Counter.builder("apim.dns.sync.drift.episodes").description("drift episodes opened, by kind")
                .tag("kind", kind.wireName()).register(registry);
    }

    private void refresh() {
        Map<List<String>, Long> counts = Stream.concat(open.values().stream(),
                sweepOpen.values().stream()).flatMap(m -> m.values().stream()).collect(
                        Collectors.groupingBy(i -> List.of(i.kind().wireName(), i.target()), Collectors.counting()));
        items.register(counts.entrySet().stream().map(e -> MultiGauge.Row.of(Tags.of("kind", e.getKey().get(0),
                "target", e.getKey().get(1)), e.getValue())).toList(), true);
    }
}
