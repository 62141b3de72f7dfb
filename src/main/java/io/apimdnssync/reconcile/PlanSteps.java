package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.Mode;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ChangeReason;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.DeleteGuard;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.Planner;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.provider.Parallel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The list → plan → guard → apply steps with this deployment's settings, shared by an instance's work item and the
 * orphan sweep; and what the index and the deletion ledger learn from them.
 */
@ApplicationScoped
class PlanSteps {
    private final SyncConfig config;
    private final OwnedIndex index;
    private final DeletionLedger ledger;
    private final SyncMetrics metrics;
    /** The calls within work items (zone reads, zones' writes, lookups); a pool of their own (see Parallel). */
    private final ManagedExecutor pool;
    private final Parallel parallel;
    private final ZoneReader reader;
    private final ConvergingApply applier;

    private final Event<RecordsChanged> changed;

    PlanSteps(SyncConfig config, OwnedIndex index, DeletionLedger ledger, DnsProviders providers,
            SyncMetrics metrics, Event<RecordsChanged> changed, Stopping stopping, Leadership leadership) {
        this.config = config;
        this.changed = changed;
        this.metrics = metrics;
        this.index = index;
        this.ledger = ledger;
        this.pool = Parallel.pool(config.reconcile().workers() * config.reconcile().concurrency());
        this.parallel = new Parallel(pool, config.reconcile().concurrency());
        this.reader = new ZoneReader(providers::forZone, parallel);
        this.applier = new ConvergingApply(providers::forZone, parallel, config.reconcile().preconditionRetries(),
                () -> stopping.now() || !leadership.leading());
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Runs calls of one work item in parallel, {@code reconcile.concurrency} at a time. */
    Parallel parallel() {
        return parallel;
    }

    ZoneReader.Listing list(Collection<ZoneRef> zones, Map<ZoneRef, Set<String>> names, Priority priority,
            Optional<RoundZones> round) {
        return reader.read(zones, names, priority, round);
    }

    Planner.Options options() {
        return new Planner.Options(config.ownerId(), config.requiredPolicy(), config.ttl());
    }

    /** The index learns what a listing found (a per-name read only about the names it asked for). */
    void learn(ZoneReader.Listing listing) {
        listing.records().forEach((z, rs) -> index.update(z, rs, config.ownerId(), listing.listedAt().get(z),
                Optional.ofNullable(listing.partial().get(z))));
    }

    Plan plan(List<InstanceDesire> desires, List<ZoneRef> all, ZoneReader.Listing listing) {
        return Planner.plan(desires, all, listing.records(), options());
    }

    /**
     * The guard weighs the plan's deletions with those made since the round began, against everything owned; the
     * deletions it keeps are admitted to the ledger (a dry run only looks).
     */
    Plan guard(Plan plan, ZoneReader.Listing listing, Set<String> confirmed, boolean force, boolean dryRun) {
        Map<String, Long> owned = new HashMap<>();
        listing.records().values().forEach(rs -> rs.stream().filter(r -> r.ownedBy(config.ownerId()))
                .forEach(r -> owned.merge(r.owner().orElseThrow().instance(), 1L, Long::sum)));
        return share(DeleteGuard.perInstance(plan, owned, confirmed, force), force, dryRun);
    }

    private Plan share(Plan plan, boolean force, boolean dryRun) {
        DeleteGuard.Limits limits = new DeleteGuard.Limits(config.guard().maxDeleteShare(), config.guard().minOwned());
        boolean known = index.complete();
        DeletionLedger.Guard check = (owned, deleted) -> DeleteGuard.check(plan, limits,
                known ? OptionalLong.of(owned) : OptionalLong.empty(), deleted, force);
        return dryRun ? ledger.look(index::total, check) : ledger.admit(index::total, check);
    }

    /** Writes nothing in observe mode or a dry run. */
    ConvergingApply.Result apply(Plan plan, List<InstanceDesire> desires, List<ZoneRef> all, Priority priority,
            boolean dryRun) {
        if (config.mode() != Mode.ENFORCE || dryRun) {
            return new ConvergingApply.Result(ApplyResult.empty(), Map.of());
        }
        try {
            return applier.apply(plan, desires, all, options(), priority);
        } catch (RuntimeException e) {
            ledger.settle(plan.deletes(), 0, () -> {
            }); // nothing will remember this plan: give its admitted deletions back
            throw e;
        }
    }

    /**
     * The index learns what was read and written, the ledger gets back the admitted deletions that were not made
     * (never in a dry run: it leaves no trace). Returns the records as they are.
     */
    Map<ZoneRef, List<CurrentRecord>> remember(ZoneReader.Listing listing, Plan plan, ConvergingApply.Result applied,
            boolean dryRun, Function<Change, ChangeReason> reasons) {
        if (!dryRun) {
            Map<String, List<RecordsChanged.Made>> made = new LinkedHashMap<>();
            applied.result().applied().forEach(c -> {
                ChangeReason why = reasons.apply(c);
                ChangeLog.made(c, why);
                metrics.changed(c, why);
                made.computeIfAbsent(c.instance(), k -> new ArrayList<>())
                        .add(new RecordsChanged.Made(c, why));
            });
            long deleted = applied.result().applied().stream().filter(c -> c.action() == Change.Action.DELETE).count();
            ledger.settle(plan.deletes(), deleted, () -> {
                learn(listing);
                Instant now = Instant.now();
                applied.reread().forEach((z, rs) -> index.update(z, rs, config.ownerId(), now, Optional.empty()));
                index.applied(applied.result().applied());
            });
            made.forEach((instance, changes) -> changed.fire(new RecordsChanged(instance, changes)));
        }
        Map<ZoneRef, List<CurrentRecord>> records = new LinkedHashMap<>(listing.records());
        records.putAll(applied.reread());
        return records;
    }
}
