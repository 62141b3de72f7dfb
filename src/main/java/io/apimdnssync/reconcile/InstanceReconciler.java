package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.DesiredRecords;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.Planner;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.ProvisioningPhase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
import org.jboss.logging.Logger;

/**
 * One instance's work item, in the shape of ExternalDNS's {@code RunOnce}: read → desire → list → plan → guard →
 * apply → report. Each step is a named collaborator; this class only wires them. Never throws for a failing zone,
 * write or read: those are findings, and a failure in the outcome makes the queue retry the instance.
 */
@ApplicationScoped
public class InstanceReconciler {
    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class);

    private final SyncConfig config;
    private final ApimSource source;
    private final DnsProviders providers;
    private final OwnedIndex index;
    private final ZoneLinks links;
    private final StatusStore status;
    private final StaleWindows staleWindows;
    private final Instance<Verifier> verifiers;
    private final PlanSteps steps;

    InstanceReconciler(SyncConfig config, ApimSource source, DnsProviders providers, OwnedIndex index, ZoneLinks links,
            StatusStore status, StaleWindows staleWindows, Instance<Verifier> verifiers, PlanSteps steps) {
        this.config = config;
        this.source = source;
        this.providers = providers;
        this.index = index;
        this.links = links;
        this.status = status;
        this.staleWindows = staleWindows;
        this.verifiers = verifiers;
        this.steps = steps;
    }

    /** What the item did: its report, and the outcome the queue acts on. */
    public record Result(InstanceReport report, Outcome outcome) {
    }

    public Result run(Work w) {
        Instant started = Instant.now();
        long pass = status.nextPass();
        String key = w.instanceKey();
        InstanceRead read = read(w, key);
        Optional<InstanceSnapshot> snapshot = read.snapshot();
        if (snapshot.isPresent() && !config.scope().manages(snapshot.get().id(), snapshot.get().tags())) {
            return leftScope(w, read, pass, started);
        }
        Optional<InstanceReport> newer = superseded(w, key);
        if (newer.isPresent()) {
            return new Result(newer.get(), Outcome.nothing());
        }
        InstanceDesire desire = desire(read);
        List<Finding> findings = new ArrayList<>(readFindings(read));
        if (w.round().isEmpty() && anyUnplaced(desire)) {
            // A name no known zone covers (a new location, say): its zone may have been created since the last round.
            providers.all().forEach(p -> p.refreshZones(w.priority()).forEach(err -> findings.add(
                    Finding.of(Finding.Kind.ZONE_UNAVAILABLE, key, "", "", err))));
        }
        List<ZoneRef> all = providers.zones();
        Set<ZoneRef> zones = zonesOf(desire, all);
        ZoneReader.Listing listing = steps.list(zones, namesByZone(desire, zones), w.priority(),
                w.round().map(Round::zones));
        Plan plan = steps.guard(steps.plan(List.of(desire), all, listing), w.force());
        ConvergingApply.Result applied = steps.apply(plan, List.of(desire), all, w.priority(), w.dryRun());
        Map<ZoneRef, List<CurrentRecord>> records = steps.remember(listing, applied);
        snapshot.ifPresent(s -> findings.addAll(links.check(s, linkedZonesOf(desire, all), w.priority())));
        if (desire.verdict() == InstanceDesire.Verdict.PUBLISH) {
            verifiers.forEach(v -> findings.addAll(v.verify(desire)));
        }
        InstanceReport report = ReportBuilder.instance(config.ownerId(), read, desire, records, plan, applied.result(),
                ReportBuilder.findings(plan, listing.findings(), applied.result(), findings), Instant.now());
        return new Result(report, publish(w, report, pass, started, listing.records().size()));
    }

    private InstanceRead read(Work w, String key) {
        if (w.listed().isPresent()) {
            return InstanceRead.found(w.listed().get());
        }
        return ArmId.parse(key).map(id -> source.get(id, w.priority())).orElseGet(() -> InstanceRead.failed(
                ArmId.placeholder(key), "'" + key + "' is not an APIM resource ID"));
    }

    /** A round's snapshot older than what a keyed item has reconciled since must not be applied: skip the item. */
    private Optional<InstanceReport> superseded(Work w, String key) {
        if (w.listed().isEmpty()) {
            return Optional.empty();
        }
        Instant listedAt = w.listed().get().readAt();
        return status.lastRead(key).filter(last -> last.isAfter(listedAt)).flatMap(last -> status.instance(key));
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
        return new Result(report, Outcome.done(ReportBuilder.keyed(pass, w.trigger().source(), w.force(),
                config.mode(), started, Instant.now(), 0, index.total(), report)));
    }

    InstanceDesire desire(InstanceRead r) {
        return switch (r.status()) {
            case FOUND -> DesiredRecords.compute(r.snapshot().orElseThrow(), DesiredRecords.Options.from(config));
            case GONE -> InstanceDesire.gone(r.id());
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

    private boolean anyUnplaced(InstanceDesire desire) {
        List<ZoneRef> zones = providers.zones();
        return desire.records().stream().anyMatch(r -> zones.stream().noneMatch(z -> z.covers(r.fqdn())));
    }

    /** The zones its desired names are placed in, and those it owned records in when last read. */
    private Set<ZoneRef> zonesOf(InstanceDesire desire, List<ZoneRef> all) {
        Set<ZoneRef> out = new LinkedHashSet<>(placed(desire, all));
        index.zonesOf(desire.instance().key()).stream().filter(all::contains).forEach(out::add);
        return out;
    }

    private static Set<ZoneRef> placed(InstanceDesire desire, List<ZoneRef> all) {
        Map<String, List<ZoneRef>> byProvider = new LinkedHashMap<>();
        all.forEach(z -> byProvider.computeIfAbsent(z.provider(), p -> new ArrayList<>()).add(z));
        Set<ZoneRef> out = new LinkedHashSet<>();
        desire.records().forEach(r -> byProvider.values().forEach(zs -> out.addAll(Planner.place(r.fqdn(), zs))));
        return out;
    }

    private Set<ZoneRef> linkedZonesOf(InstanceDesire desire, List<ZoneRef> all) {
        Set<ZoneRef> out = new LinkedHashSet<>();
        for (ZoneRef z : placed(desire, all)) {
            DnsProvider p = providers.forZone(z);
            if (p.linksZonesToNetworks()) {
                out.add(z);
            }
        }
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
    private Outcome publish(Work w, InstanceReport r, long pass, Instant started, int zonesListed) {
        if (!w.dryRun()) {
            boolean knownBefore = status.instance(r.instance()).isPresent();
            staleWindows.record(r, w.trigger().eventTime(), knownBefore);
            status.record(r);
        }
        Outcome out = Outcome.done(ReportBuilder.keyed(pass, w.trigger().source(), w.force(), config.mode(), started,
                Instant.now(), zonesListed, index.total(), r));
        if (!r.healthy()) {
            out = out.failed(failureOf(r));
        }
        boolean updating = r.read().snapshot().map(s -> s.phase() == ProvisioningPhase.IN_PROGRESS).orElse(false);
        if (updating && r.desire().verdict() == InstanceDesire.Verdict.HOLD) {
            out = out.recheck(config.reconcile().updatePollInterval());
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
