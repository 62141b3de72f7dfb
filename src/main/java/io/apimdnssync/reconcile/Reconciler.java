package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Mode;
import io.apimdnssync.config.Settings;
import io.apimdnssync.desired.DesiredRecords;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.Planner;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.SourceException;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.drift.ResolutionCheck;
import io.apimdnssync.provider.ProviderException;
import io.apimdnssync.provider.privatedns.PrivateDnsProvider;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One pass: read the instances, list their zones once, plan with the pure planner, guard, apply with optimistic
 * concurrency (412 → re-read, re-plan, bounded), and report. Never throws for one failing instance or zone.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    @Inject
    Settings settings;
    @Inject
    ApimSource source;
    @Inject
    PrivateDnsProvider privateDns;
    @Inject
    DnsProviders dnsTargets;
    @Inject
    ResolutionCheck resolution;

    Clock clock = Clock.systemUTC();
    private final OwnedIndex index = new OwnedIndex();
    private final AtomicLong passes = new AtomicLong();
    private ExecutorService io;
    private ZoneLinks links;

    @PostConstruct
    void init() {
        io = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "reconcile-io");
            t.setDaemon(true);
            return t;
        });
        links = new ZoneLinks(privateDns, settings.linkCheckInterval(), clock);
    }

    @PreDestroy
    void stop() {
        io.shutdownNow();
    }

    List<DnsProvider> targets() {
        return dnsTargets.all();
    }

    public ReconcileReport run(PassRequest req) {
        long pass = passes.incrementAndGet();
        var started = clock.instant();
        List<Finding> findings = new ArrayList<>();
        Planner.Options options = new Planner.Options(settings.ownerId(), settings.policy(), settings.ttl());

        // 1. Read the instances.
        Map<String, InstanceRead> reads = readInstances(req, findings);

        // 2. Which zones to list, then list them once each.
        if (req.full()) {
            privateDns.refreshDiscoveredZones().forEach(err -> findings.add(
                    Finding.of(Finding.Kind.ZONE_UNAVAILABLE, "", "", "", err)));
        }
        Map<String, InstanceDesire> desires = new LinkedHashMap<>();
        reads.values().forEach(r -> desires.put(r.id().key(), desire(r)));
        if (!req.full() && !settings.zoneDiscovery().isEmpty() && anyUnplaced(desires.values())) {
            // A name no known zone covers (a new location, say): its zone may have been created since the last
            // full pass. One list per discovery scope finds it now rather than at the next resync.
            privateDns.refreshDiscoveredZones().forEach(err -> findings.add(
                    Finding.of(Finding.Kind.ZONE_UNAVAILABLE, "", "", "", err)));
        }
        List<ZoneRef> allZones = targets().stream().flatMap(t -> t.zones().stream()).toList();
        Set<ZoneRef> zonesToList = req.full() ? new HashSet<>(allZones) : zonesFor(desires.values(), allZones);
        Map<ZoneRef, List<CurrentRecord>> listed = listZones(zonesToList, namesByZone(desires.values()), findings);

        // 3. Orphans: owned records of instances this pass did not read (deleted instances).
        if (req.full()) {
            Set<String> owners = new HashSet<>();
            listed.values().forEach(rs -> rs.stream().filter(r -> r.ownedBy(settings.ownerId()))
                    .forEach(r -> owners.add(r.owner().orElseThrow().instance())));
            owners.removeAll(reads.keySet());
            Map<String, InstanceRead> orphans = parallel(owners.stream().toList(), key -> ArmId.parse(key)
                    .map(source::get)
                    .orElseGet(() -> InstanceRead.failed(badId(key), "owner metadata names '" + key
                            + "', which is not a resource ID")));
            orphans.forEach((key, read) -> {
                if (read.status() == InstanceRead.Status.FOUND && !inScope(read.snapshot().orElseThrow())) {
                    findings.add(Finding.of(Finding.Kind.OUT_OF_SCOPE, key, "", "", "the instance exists but is "
                            + "no longer configured or discovered; its records are left as they are"));
                    return;
                }
                reads.put(key, read);
                desires.put(key, desire(read));
            });
        }

        // 4. Plan, guard.
        Plan plan = Planner.plan(List.copyOf(desires.values()), allZones, listed, options);
        long owned = req.full() ? countOwned(listed) : Math.max(index.total(), countOwned(listed));
        plan = guard(plan, owned, req.force());
        for (InstanceRead r : reads.values()) {
            r.snapshot().ifPresent(s -> findings.addAll(links.check(s, azureZonesOf(desires.get(s.id().key())))));
        }
        if (req.full()) {
            findings.addAll(links.shadowing(privateDns.zones()));
        }

        // 5. Apply.
        boolean write = !req.dryRun() && settings.mode() == Mode.ENFORCE;
        ApplyResult result = write ? apply(plan, desires, allZones, listed, options) : ApplyResult.empty();
        if (req.full()) {
            index.retain(allZones);
        }
        listed.forEach((z, rs) -> index.update(z, rs, settings.ownerId()));
        index.applied(result.applied());

        if (resolution.enabled()) {
            findings.addAll(resolution.check(List.copyOf(desires.values())));
        }
        List<String> failures = result.failed().stream().map(ApplyResult.Failed::error).toList();
        result.failed().forEach(f -> findings.add(Finding.in(f.change().zone(), Finding.Kind.APPLY_ERROR,
                f.change().instance(), f.change().fqdn(), f.error())));
        findings.addAll(plan.findings());
        ReconcileReport report = new ReconcileReport(pass, req.trigger(), req.full(), req.dryRun(),
                settings.mode().wire(), started, clock.instant(), listed.size(), owned, plan.changes(),
                result.applied(), failures, List.copyOf(findings),
                instanceReports(reads, desires, listed, plan, result, findings));
        if (write && (!plan.changes().isEmpty() || !failures.isEmpty())) {
            LOG.infof("pass %d (%s): %d planned, %d applied, %d failed, %d findings", pass, req.trigger(),
                    plan.changes().size(), result.applied().size(), failures.size(), findings.size());
        }
        return report;
    }

    private static ArmId badId(String key) {
        return new ArmId("?", "?", "Microsoft.ApiManagement", "service", key);
    }

    private boolean anyUnplaced(java.util.Collection<InstanceDesire> desires) {
        List<ZoneRef> zones = targets().stream().flatMap(t -> t.zones().stream()).toList();
        return desires.stream().flatMap(d -> d.records().stream())
                .anyMatch(r -> zones.stream().noneMatch(z -> z.covers(r.fqdn())));
    }

    /** The Azure zones in which the instance's desired names are placed. */
    private Set<ZoneRef> azureZonesOf(InstanceDesire d) {
        Set<ZoneRef> out = new HashSet<>();
        List<ZoneRef> zones = privateDns.zones();
        d.records().forEach(r -> out.addAll(Planner.place(r.fqdn(), zones)));
        return out;
    }

    private InstanceDesire desire(InstanceRead r) {
        return switch (r.status()) {
            case FOUND -> DesiredRecords.compute(r.snapshot().orElseThrow(),
                    new DesiredRecords.Options(settings.endpoints(), settings.nonInternalRecords()));
            case GONE -> InstanceDesire.gone(r.id());
            case FAILED -> InstanceDesire.hold(r.id(), r.error());
        };
    }

    private boolean inScope(InstanceSnapshot s) {
        return settings.manages(s.id(), s.tags());
    }

    private Map<String, InstanceRead> readInstances(PassRequest req, List<Finding> findings) {
        Map<String, InstanceRead> reads = new LinkedHashMap<>();
        if (req.full()) {
            reads.putAll(parallel(settings.instanceIds().stream().map(ArmId::key).toList(),
                    key -> source.get(ArmId.parse(key).orElseThrow())));
            List<Callable<List<InstanceRead>>> scopes = settings.discovery().stream()
                    .<Callable<List<InstanceRead>>>map(d -> () -> {
                        try {
                            return source.discover(d);
                        } catch (SourceException e) {
                            synchronized (findings) {
                                findings.add(Finding.of(Finding.Kind.INSTANCE_ERROR, "", "", "", e.getMessage()));
                            }
                            return List.of();
                        }
                    }).toList();
            for (List<InstanceRead> found : invokeAll(scopes)) {
                found.forEach(r -> reads.putIfAbsent(r.id().key(), r));
            }
        } else {
            parallel(List.copyOf(req.keys()), key -> ArmId.parse(key).map(source::get)
                    .orElseGet(() -> InstanceRead.failed(badId(key), "'" + key + "' is not an APIM resource ID")))
                    .forEach((key, read) -> {
                        // A trigger may name an instance outside the configured scope (an event for a service whose
                        // tags do not match, say): it is reported and left alone.
                        if (read.status() == InstanceRead.Status.FOUND && !inScope(read.snapshot().orElseThrow())) {
                            findings.add(Finding.of(Finding.Kind.OUT_OF_SCOPE, key, "", "",
                                    "the instance is not configured or discovered; nothing is done for it"));
                        } else {
                            reads.put(key, read);
                        }
                    });
        }
        reads.values().stream().filter(r -> r.status() == InstanceRead.Status.FAILED).forEach(r -> findings.add(
                Finding.of(Finding.Kind.INSTANCE_ERROR, r.id().key(), "", "", r.error())));
        reads.values().stream().flatMap(r -> r.snapshot().stream()).filter(s -> !s.problems().isEmpty())
                .forEach(s -> findings.add(Finding.of(Finding.Kind.INSTANCE_ERROR, s.id().key(), "", "",
                        "invalid ARM payload: " + String.join("; ", s.problems()))));
        return reads;
    }

    private Set<ZoneRef> zonesFor(java.util.Collection<InstanceDesire> desires, List<ZoneRef> allZones) {
        Set<ZoneRef> out = new HashSet<>();
        for (InstanceDesire d : desires) {
            d.records().forEach(r -> targets().forEach(t -> out.addAll(Planner.place(r.fqdn(), t.zones()))));
            Set<ZoneRef> owned = new HashSet<>(index.zonesOf(d.instance().key()));
            owned.retainAll(allZones);
            if (d.verdict() == InstanceDesire.Verdict.PUBLISH && owned.isEmpty() && !index.known()) {
                return new HashSet<>(allZones); // no full pass yet: we do not know where its records are
            }
            out.addAll(owned);
        }
        return out;
    }

    /** The relative names each zone would hold, for targets that read per name. */
    private Map<ZoneRef, Set<String>> namesByZone(java.util.Collection<InstanceDesire> desires) {
        Map<ZoneRef, Set<String>> out = new java.util.HashMap<>();
        for (InstanceDesire d : desires) {
            d.records().forEach(r -> targets().forEach(t -> Planner.place(r.fqdn(), t.zones()).forEach(z ->
                    out.computeIfAbsent(z, k -> new java.util.TreeSet<>()).add(z.relativeName(r.fqdn())))));
            // Names it owned when last read, so a target read per name still finds records to delete.
            index.zonesOf(d.instance().key()).forEach(z -> out.computeIfAbsent(z, k -> new java.util.TreeSet<>())
                    .addAll(index.names(z, d.instance().key())));
        }
        return out;
    }

    private Map<ZoneRef, List<CurrentRecord>> listZones(Set<ZoneRef> zones, Map<ZoneRef, Set<String>> names,
            List<Finding> findings) {
        Map<ZoneRef, List<CurrentRecord>> listed = new LinkedHashMap<>();
        Map<ZoneRef, Optional<List<CurrentRecord>>> results = parallel(List.copyOf(zones), z -> {
            try {
                return Optional.of(target(z).list(z, names.getOrDefault(z, Set.of())));
            } catch (RuntimeException e) {
                // ProviderException, or anything unexpected: one zone never stops the others.
                synchronized (findings) {
                    findings.add(Finding.in(z, Finding.Kind.ZONE_UNAVAILABLE, "", "",
                            e instanceof ProviderException ? e.getMessage() : "reading zone " + z.name() + " failed: " + e));
                }
                return Optional.empty();
            }
        });
        results.forEach((z, r) -> r.ifPresent(records -> listed.put(z, records)));
        return listed;
    }

    private DnsProvider target(ZoneRef z) {
        return targets().stream().filter(t -> t.name().equals(z.provider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no target " + z.provider()));
    }

    private long countOwned(Map<ZoneRef, List<CurrentRecord>> listed) {
        return listed.values().stream().flatMap(List::stream).filter(r -> r.ownedBy(settings.ownerId())).count();
    }

    Plan guard(Plan plan, long owned, boolean force) {
        long deletes = plan.deletes();
        if (force || deletes == 0 || owned < settings.guardMinOwned()
                || deletes <= settings.guardMaxDeleteShare() * owned) {
            return plan;
        }
        return plan.withoutDeletes(Finding.of(Finding.Kind.GUARD, "", "", "", "refused to delete " + deletes + " of "
                + owned + " owned records (more than " + Math.round(settings.guardMaxDeleteShare() * 100)
                + "%); creates and updates went ahead. Check the configuration, then force a pass: "
                + "POST /api/v1/reconcile?force=true"));
    }

    private ApplyResult apply(Plan plan, Map<String, InstanceDesire> desires, List<ZoneRef> allZones,
            Map<ZoneRef, List<CurrentRecord>> listed, Planner.Options options) {
        Map<ZoneRef, List<Change>> byZone = plan.byZone();
        Map<ZoneRef, ApplyResult> results = parallel(List.copyOf(byZone.keySet()), zone -> {
            try {
                return applyZone(zone, byZone.get(zone), desires, allZones, listed, options);
            } catch (RuntimeException e) {
                return new ApplyResult(List.of(), List.of(), byZone.get(zone).stream()
                        .map(c -> new ApplyResult.Failed(c, c.action() + " " + c.fqdn() + " failed: " + e)).toList());
            }
        });
        return results.values().stream().reduce(ApplyResult.empty(), ApplyResult::plus);
    }

    private ApplyResult applyZone(ZoneRef zone, List<Change> planned, Map<String, InstanceDesire> desires,
            List<ZoneRef> allZones, Map<ZoneRef, List<CurrentRecord>> listed, Planner.Options options) {
        List<Change> changes = planned;
        ApplyResult total = ApplyResult.empty();
        for (int round = 0; ; round++) {
            ApplyResult r = target(zone).apply(zone, changes);
            total = total.plus(new ApplyResult(r.applied(), List.of(), r.failed()));
            if (r.stale().isEmpty()) {
                return total;
            }
            if (round >= settings.preconditionRetries()) {
                int rounds = round;
                List<ApplyResult.Failed> gaveUp = r.stale().stream().map(c -> new ApplyResult.Failed(c,
                        c.action() + " " + c.fqdn() + ": the record kept changing under us (412); retried "
                                + rounds + " times, next pass will retry")).toList();
                return total.plus(new ApplyResult(List.of(), List.of(), gaveUp));
            }
            // Re-read the zone and re-plan the instances whose changes were stale.
            List<CurrentRecord> fresh;
            try {
                Set<String> hint = new HashSet<>();
                for (Change c : changes) {
                    hint.add(c.relativeName());
                }
                fresh = target(zone).list(zone, hint);
            } catch (ProviderException e) {
                return total.plus(new ApplyResult(List.of(), List.of(), r.stale().stream()
                        .map(c -> new ApplyResult.Failed(c, e.getMessage())).toList()));
            }
            synchronized (listed) {
                listed.put(zone, fresh);
            }
            Set<String> instances = new HashSet<>();
            r.stale().forEach(c -> instances.add(c.instance()));
            List<InstanceDesire> again = instances.stream().map(desires::get).filter(d -> d != null).toList();
            Set<String> staleNames = new HashSet<>();
            r.stale().forEach(c -> staleNames.add(c.relativeName()));
            changes = Planner.plan(again, allZones, Map.of(zone, fresh), options).changes().stream()
                    .filter(c -> c.zone().equals(zone) && staleNames.contains(c.relativeName())).toList();
            if (changes.isEmpty()) {
                return total;
            }
        }
    }

    private List<InstanceReport> instanceReports(Map<String, InstanceRead> reads, Map<String, InstanceDesire> desires,
            Map<ZoneRef, List<CurrentRecord>> listed, Plan plan, ApplyResult result, List<Finding> findings) {
        List<InstanceReport> out = new ArrayList<>();
        var now = clock.instant();
        for (InstanceRead r : reads.values()) {
            String key = r.id().key();
            List<CurrentRecord> actual = afterApply(listed, result.applied()).stream()
                    .filter(c -> c.owner().map(o -> o.instance().equals(key)).orElse(false)).toList();
            out.add(new InstanceReport(key, r, desires.get(key), actual,
                    plan.changes().stream().filter(c -> c.instance().equals(key)).toList(),
                    result.applied().stream().filter(c -> c.instance().equals(key)).toList(),
                    result.failed().stream().filter(f -> f.change().instance().equals(key))
                            .map(ApplyResult.Failed::error).toList(),
                    findings.stream().filter(f -> f.instance().equals(key)).toList(), now));
        }
        return out;
    }

    /** The records as they are once the applied changes are in (versions of written records are unknown). */
    private List<CurrentRecord> afterApply(Map<ZoneRef, List<CurrentRecord>> listed, List<Change> applied) {
        Map<String, CurrentRecord> byKey = new LinkedHashMap<>();
        listed.values().stream().flatMap(List::stream).forEach(r -> byKey.put(r.zone().id() + "|" + r.relativeName(), r));
        for (Change c : applied) {
            String k = c.zone().id() + "|" + c.relativeName();
            if (c.action() == Change.Action.DELETE) {
                byKey.remove(k);
            } else {
                Ownership o = Ownership.of(settings.ownerId(), c.instance());
                byKey.put(k, new CurrentRecord(c.zone(), c.relativeName(), c.ips(), c.ttl(), Optional.empty(),
                        Optional.of(o), o.toMetadata()));
            }
        }
        return List.copyOf(byKey.values());
    }

    private <K, V> Map<K, V> parallel(List<K> keys, Function<K, V> work) {
        List<Callable<V>> tasks = keys.stream().<Callable<V>>map(k -> () -> work.apply(k)).toList();
        List<V> values = invokeAll(tasks);
        Map<K, V> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), values.get(i));
        }
        return out;
    }

    private <V> List<V> invokeAll(List<Callable<V>> tasks) {
        try {
            List<V> out = new ArrayList<>();
            for (Future<V> f : io.invokeAll(tasks)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
