package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.DesiredRecords;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.ChangeReason;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.Planner;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.ProvisioningPhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * One instance's work item, in the shape of ExternalDNS's {@code RunOnce}: read → desire → list → plan → guard →
 * apply → report. Each step is a named collaborator; this class only wires them. Never throws for a failing zone,
 * write or read: those are findings, and a failure in the outcome makes the queue retry the instance.
 */
@ApplicationScoped
public class InstanceReconciler {
    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class);
    private static final Duration REDISCOVER_AFTER = Duration.ofMinutes(1);

    private final SyncConfig config;
    private final ApimSource source;
    private final DnsProviders providers;
    private final OwnedIndex index;
    private final ZoneLinks links;
    private final StatusStore status;
    private final StaleWindows staleWindows;
    private final PlanSteps steps;
    private final ReadTimes readTimes;
    private final GoneCheck gone;
    private final KnownInstances knownInstances;
    private final SyncMetrics metrics;
    private final Event<InstanceReport> reports;
    private final Event<PlannedChanges> plans;
    private final AtomicReference<Instant> lastDiscovery = new AtomicReference<>(Instant.EPOCH);

    InstanceReconciler(SyncConfig config, ApimSource source, DnsProviders providers, OwnedIndex index, ZoneLinks links,
            StatusStore status, StaleWindows staleWindows, PlanSteps steps,
            ReadTimes readTimes, GoneCheck gone, KnownInstances knownInstances, SyncMetrics metrics,
            Event<InstanceReport> reports, Event<PlannedChanges> plans) {
        this.config = config;
        this.source = source;
        this.providers = providers;
        this.index = index;
        this.links = links;
        this.status = status;
        this.staleWindows = staleWindows;
        this.steps = steps;
        this.readTimes = readTimes;
        this.gone = gone;
        this.knownInstances = knownInstances;
        this.metrics = metrics;
        this.reports = reports;
        this.plans = plans;
    }

    /** What the item did: its report, and the outcome the queue acts on. */
    public record Result(InstanceReport report, Outcome outcome) {
    }

    public Result run(Work w) {
        Instant started = Instant.now();
        long pass = status.nextPass();
        String key = w.instanceKey();
        if (w.listed().isPresent() && readTimes.readSince(key, w.listed().get().readAt())) {
            return superseded(w, key);
        }
        boolean known = knownInstances.known(key);
        GoneCheck.Judged judged = gone.judge(read(w, key), w.priority(), w.dryRun(), known);
        InstanceRead read = judged.read();
        Optional<InstanceSnapshot> snapshot = read.snapshot();
        if (snapshot.isPresent() && !config.scope().manages(snapshot.get().id(), snapshot.get().tags())) {
            return leftScope(w, read, pass, started);
        }
        InstanceDesire desire = desire(read);
        List<Finding> findings = new ArrayList<>(readFindings(read));
        if (desire.verdict() == InstanceDesire.Verdict.HOLD) {
            return held(w, read, desire, findings, pass, started, judged.recheckIn(), known);
        }
        List<ZoneRef> all = zones(desire, w);
        Set<ZoneRef> placed = placed(desire, all);
        Set<ZoneRef> zones = new LinkedHashSet<>(placed);
        index.zonesOf(key).stream().filter(all::contains).forEach(zones::add);
        ZoneReader.Listing listing = steps.list(zones, namesByZone(desire, zones), w.priority(),
                w.priority() == Priority.RESYNC ? w.round().map(Round::zones) : Optional.empty());
        // Reaching here, the read was a 200 or a confirmed 404 (anything else holds): its removals are confirmed.
        Plan plan = steps.guard(steps.plan(List.of(desire), all, listing), listing, Set.of(key), w.force(),
                w.dryRun());
        if (!w.dryRun() && !plan.changes().isEmpty()) {
            plans.fire(new PlannedChanges(key, desire, plan.changes(), Instant.now()));
        }
        ConvergingApply.Result applied = steps.apply(plan, List.of(desire), all, w.priority(), w.dryRun());
        Optional<List<DesiredRecord>> before = status.instance(key).map(InstanceReport::desire)
                .map(InstanceDesire::records);
        boolean goneNow = read.status() == InstanceRead.Status.GONE;
        Map<ZoneRef, List<CurrentRecord>> records = steps.remember(listing, plan, applied, w.dryRun(),
                c -> ChangeReason.of(c, goneNow, desire.records(), before));
        snapshot.ifPresent(s -> findings.addAll(links.check(s, placed, w.priority())));
        InstanceReport report = ReportBuilder.instance(config.ownerId(), read, desire, records, plan, applied.result(),
                ReportBuilder.findings(plan, listing.findings(), applied.result(), findings), Instant.now());
        if (!w.dryRun()) {
            readTimes.read(key, read, started);
        }
        return new Result(report, publish(w, report, pass, started, listing.records().size(), Optional.empty(),
                known));
    }

    /**
     * Nothing may change while the instance is held (an update runs, its read failed, its payload is invalid): no zone
     * is read — polling an update every few seconds would otherwise cost a list per zone each time — and the report
     * shows the records as the last item saw them.
     */
    private Result held(Work w, InstanceRead read, InstanceDesire desire, List<Finding> findings, long pass,
            Instant started, Optional<Duration> recheckIn, boolean known) {
        List<CurrentRecord> last = status.instance(w.instanceKey()).map(InstanceReport::actual).orElse(List.of());
        Map<ZoneRef, List<CurrentRecord>> records = new LinkedHashMap<>();
        last.forEach(r -> records.computeIfAbsent(r.zone(), z -> new ArrayList<>()).add(r));
        Plan plan = steps.plan(List.of(desire), List.of(), ZoneReader.Listing.EMPTY);
        InstanceReport report = ReportBuilder.instance(config.ownerId(), read, desire, records, plan,
                ApplyResult.empty(), ReportBuilder.findings(plan, List.of(), ApplyResult.empty(), findings),
                Instant.now());
        if (!w.dryRun()) {
            readTimes.read(w.instanceKey(), read, started);
        }
        return new Result(report, publish(w, report, pass, started, 0, recheckIn, known));
    }

    /**
     * Every zone the providers know. Keyed work for an instance with a name no zone covers (a new location, say)
     * first re-lists zone discovery, at most once a minute: the zone may have been created since the last round.
     */
    private List<ZoneRef> zones(InstanceDesire desire, Work w) {
        List<ZoneRef> all = providers.zones();
        boolean unplaced = desire.records().stream().anyMatch(r -> all.stream().noneMatch(z -> z.covers(r.fqdn())));
        Instant now = Instant.now();
        Instant last = lastDiscovery.get();
        if (!unplaced || w.priority() != Priority.KEYED || last.plus(REDISCOVER_AFTER).isAfter(now)
                || !lastDiscovery.compareAndSet(last, now)) {
            return all;
        }
        providers.all().forEach(p -> p.refreshZones(w.priority()).forEach(err -> LOG.warnf(
                "zone discovery for unplaced names of %s: %s", w.instanceKey(), err)));
        return providers.zones();
    }

    private InstanceRead read(Work w, String key) {
        if (w.listed().isPresent()) {
            return InstanceRead.found(w.listed().get());
        }
        return ArmId.parse(key).map(id -> source.get(id, w.priority())).orElseGet(() -> InstanceRead.failed(
                ArmId.placeholder(key), "'" + key + "' is not an APIM resource ID"));
    }

    /** The round listed the instance before a newer read was reconciled: its snapshot is not applied. */
    private Result superseded(Work w, String key) {
        InstanceReport report = status.instance(key).orElseGet(() -> ReportBuilder.failed(key,
                new IllegalStateException("superseded by a newer read")));
        return new Result(report, Outcome.nothing());
    }

    private Result leftScope(Work w, InstanceRead read, long pass, Instant started) {
        String key = read.id().key();
        Finding f = Finding.of(Finding.Kind.OUT_OF_SCOPE, key, "", "", "the instance is not (or no longer) "
                + "configured or discovered (tags or scope): it is not watched, and its records are left as they are");
        if (!w.dryRun() && status.leftScope(key)) {
            LOG.infof("instance %s is not in the configured scope: %s", key, f.message());
        }
        InstanceReport report = new InstanceReport(key, read, InstanceDesire.hold(read.id(), f.message()), List.of(),
                List.of(), List.of(), List.of(), List.of(f), Instant.now());
        if (!w.dryRun()) {
            reports.fire(report); // episodes of an instance that left the scope close
        }
        return new Result(report, Outcome.done(ReportBuilder.keyed(pass, w.trigger().source(), w.force(),
                config.mode(), started, Instant.now(), 0, index.total(), report)));
    }

    InstanceDesire desire(InstanceRead r) {
        return switch (r.status()) {
            case FOUND -> DesiredRecords.compute(r.snapshot().orElseThrow(), DesiredRecords.Options.from(config));
            case GONE -> InstanceDesire.gone(r.id());
            case GONE_UNCONFIRMED -> InstanceDesire.hold(r.id(), "gone-unconfirmed: " + r.error());
            case FAILED -> InstanceDesire.hold(r.id(), r.error());
        };
    }

    static List<Finding> readFindings(InstanceRead r) {
        List<Finding> out = new ArrayList<>();
        if (r.status() == InstanceRead.Status.FAILED) {
            out.add(Finding.of(Finding.Kind.INSTANCE_ERROR, r.id().key(), "", "", r.error()));
        }

        r.snapshot().filter(s -> !s.problems().isEmpty()).ifPresent(s -> out.add(Finding.of(
                Finding.Kind.INSTANCE_ERROR, s.id().key(), "", "", "invalid ARM payload: "
                        + String.join("; ", s.problems()))));
        return out;
    }

    private static Set<ZoneRef> placed(InstanceDesire desire, List<ZoneRef> all) {
        Map<String, List<ZoneRef>> byProvider = new LinkedHashMap<>();
        all.forEach(z -> byProvider.computeIfAbsent(z.provider(), p -> new ArrayList<>()).add(z));
        Set<ZoneRef> out = new LinkedHashSet<>();
        desire.records().forEach(r -> byProvider.values().forEach(zs -> out.addAll(Planner.place(r.fqdn(), zs))));
        return out;
    }

    /** The relative names each zone would hold, and those the instance owned there, for per-name reads. */
    private Map<ZoneRef, Set<String>> namesByZone(InstanceDesire desire, Set<ZoneRef> zones) {
        Map<ZoneRef, Set<String>> out = new HashMap<>();
        for (ZoneRef z : zones) {
            Set<String> names = new TreeSet<>(index.names(z, desire.instance().key()));
            desire.records().stream().filter(r -> z.covers(r.fqdn())).forEach(r -> names.add(z.relativeName(r.fqdn())));
            out.put(z, names);
        }
        return out;
    }

    /** Status, stale windows, and what the queue does next: retry a failure, poll an update in progress. */
    private Outcome publish(Work w, InstanceReport r, long pass, Instant started, int zonesListed,
            Optional<Duration> recheckIn, boolean knownAtStart) {
        boolean knownBefore = status.instance(r.instance()).isPresent();
        // An instance that does not exist and never did (a made-up ID, say) is not kept in the status, and its 404
        // is not confirmed later: it owns nothing that could be held.
        boolean known = knownBefore || knownAtStart;
        boolean found = r.read().status() == InstanceRead.Status.FOUND;
        if (!w.dryRun() && (known || found)) {
            staleWindows.record(r, w.trigger().eventTime(), knownBefore);
            status.record(r);
            metrics.item(w.trigger().source(), r, Duration.between(started, Instant.now()));
            reports.fire(r); // drift episodes, among others
        }
        Outcome out = Outcome.done(ReportBuilder.keyed(pass, w.trigger().source(), w.force(), config.mode(), started,
                Instant.now(), zonesListed, index.total(), r));
        if (!r.healthy() && (known || found)) {
            out = out.failed(failureOf(r));
        } else if (!r.healthy() && !w.dryRun()) {
            // Keys come from events and callers: one that was never seen keeps no retry chain (a made-up ID during
            // an ARM outage would keep one for good). If it exists, the change watch or the next round lists it.
            LOG.warnf("instance %s could not be read and is not known: %s; not retried (the change watch and the "
                    + "next round list it if it exists)", r.instance(), failureOf(r));
        }
        boolean updating = r.read().snapshot().map(s -> s.phase() == ProvisioningPhase.IN_PROGRESS).orElse(false);
        if (updating && r.desire().verdict() == InstanceDesire.Verdict.HOLD) {
            out = out.recheck(config.reconcile().updatePollInterval());
        }
        if (recheckIn.isPresent() && known && !w.dryRun()) {
            out = out.recheck(recheckIn.get());
        }
        return out;
    }

    private static String failureOf(InstanceReport r) {
        if (r.read().status() == InstanceRead.Status.FAILED) {
            return r.read().error();
        }
        if (!r.failures().isEmpty()) {
            return r.failures().size() == 1 ? r.failures().get(0)
                    : r.failures().size() + " writes failed, first: " + r.failures().get(0);
        }
        return r.findings().stream().filter(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE).map(Finding::message)
                .findFirst().orElse("unhealthy");
    }
}
