package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.DiscoveryScope;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.SourceException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Resync rounds: a round lists the instances (one paged call per discovery scope), enqueues one resync item per
 * instance, and ends with the orphan sweep. One round runs at a time and at most one more waits; a round that could
 * not list a scope or the zones is incomplete, logged at WARN and retried with backoff. A dry run (GET
 * /api/v1/plan) is a round that writes nothing, run at most once per {@code plan-min-interval}.
 */
@ApplicationScoped
public class Rounds {
    private static final Logger LOG = Logger.getLogger(Rounds.class);

    private record Request(Trigger trigger, boolean force, CompletableFuture<ReconcileReport> done) {
    }

    private final SyncConfig config;
    private final WorkQueue queue;
    private final ApimSource source;
    private final DnsProviders providers;
    private final OrphanSweep sweep;
    private final StatusStore status;
    private final OwnedIndex index;
    private final DeletionLedger ledger;
    private final SyncMetrics metrics;
    private final Delays delays;

    private Round running;
    private Request next;
    private Round dryRun;
    private ReconcileReport lastDryRun;
    private int incompleteInARow;
    private Runnable retry;

    Rounds(SyncConfig config, WorkQueue queue, ApimSource source, DnsProviders providers, OrphanSweep sweep,
            StatusStore status, OwnedIndex index, DeletionLedger ledger, Delays delays, SyncMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.queue = queue;
        this.source = source;
        this.providers = providers;
        this.sweep = sweep;
        this.status = status;
        this.index = index;
        this.ledger = ledger;
        this.delays = delays;
    }

    /** Starts a round, or joins the one waiting behind the running one (their triggers coalesce). */
    public synchronized CompletableFuture<ReconcileReport> resync(Trigger trigger, boolean force) {
        if (running == null) {
            return start(trigger, force).done();
        }
        if (next == null) {
            next = new Request(trigger, force, new CompletableFuture<>());
        } else if (force && !next.force()) {
            next = new Request(next.trigger(), true, next.done());
        }
        return next.done();
    }

    private Round start(Trigger trigger, boolean force) {
        running = new Round(status.nextPass(), trigger, force, false, Instant.now());
        ledger.roundStarted();
        queue.submit(Work.start(running));
        return running;
    }

    /** What a round would change now, without writing: the latest dry run if recent enough, else a new one. */
    public synchronized CompletableFuture<ReconcileReport> plan() {
        if (lastDryRun != null && lastDryRun.finishedAt().plus(config.reconcile().planMinInterval())
                .isAfter(Instant.now())) {
            return CompletableFuture.completedFuture(lastDryRun);
        }
        if (dryRun == null) {
            dryRun = new Round(status.nextPass(), Trigger.of("plan"), false, true, Instant.now());
            queue.submit(Work.start(dryRun));
        }
        return dryRun.done();
    }

    /**
     * The round's first item: list the zones (the first round after a start reads them all before any item runs, so
     * that the guard knows what is owned) and the instances, and enqueue one item per instance.
     */
    Outcome begin(Round round) {
        if (!round.dryRun()) {
            for (DnsProvider p : providers.all()) {
                p.refreshZones(Priority.RESYNC).forEach(err -> problem(round, Finding.Kind.ZONE_UNAVAILABLE, err));
            }
            if (!index.complete()) {
                sweep.listEveryZone(round);
            }
        }
        Map<String, Optional<InstanceSnapshot>> instances = new LinkedHashMap<>();
        config.scope().ids().forEach(id -> instances.put(id.key(), Optional.empty()));
        for (DiscoveryScope scope : config.scope().listScopes()) {
            try {
                for (InstanceRead r : source.discover(scope, Priority.RESYNC)) {
                    r.snapshot().filter(s -> config.scope().manages(s.id(), s.tags()))
                            .ifPresent(s -> instances.put(s.id().key(), Optional.of(s)));
                }
            } catch (SourceException e) {
                problem(round, Finding.Kind.INSTANCE_ERROR, e.getMessage());
                // The instances known in that scope are still reconciled, each read on its own.
                status.instances().stream().map(InstanceReport::instance).filter(k -> ArmId.parse(k)
                        .map(scope::covers).orElse(false)).forEach(k -> instances.putIfAbsent(k, Optional.empty()));
            }
        }
        round.expect(instances.keySet());
        if (round.nothingExpected()) {
            queue.submit(Work.sweep(round));
        }
        instances.forEach((key, listed) -> queue.submit(Work.inRound(round, key, listed)));
        return Outcome.nothing();
    }

    private static void problem(Round round, Finding.Kind kind, String why) {
        round.finding(Finding.of(kind, "", "", "", why));
        round.problem(why);
    }

    /** An instance item of the round finished (or was skipped): the last one starts the sweep. */
    void itemDone(Round round, InstanceReport report) {
        if (round.itemDone(report)) {
            queue.submit(Work.sweep(round));
        }
    }

    /** The round's last item: the orphan sweep, then the round's report. */
    Outcome sweep(Round round) {
        OrphanSweep.Result result = sweep.run(round);
        if (!round.dryRun()) {
            result.missed().forEach(k -> queue.reconcile(k, Trigger.of("sweep"), round.force()));
        }
        List<InstanceReport> reports = new ArrayList<>(round.reports());
        reports.addAll(result.reports());
        List<Finding> findings = new ArrayList<>(round.findings());
        findings.addAll(result.findings());
        if (!reports.isEmpty() && reports.stream().allMatch(r -> r.read().status() == InstanceRead.Status.FAILED)) {
            round.problem("no instance could be read: " + reports.get(0).read().error());
        }
        if (result.zonesRead() == 0 && !result.zoneErrors().isEmpty()) {
            round.problem("no zone could be read: " + result.zoneErrors().get(0));
        }
        finish(round, ReportBuilder.round(round, config.mode(), Instant.now(), round.zones().size(), index.total(),
                reports, findings));
        return Outcome.nothing();
    }

    /** A round item failed outright or was dropped: the round ends incomplete, with the reason, and is retried. */
    void abort(Round round, String why) {
        round.problem(why);
        finish(round, ReportBuilder.round(round, config.mode(), Instant.now(), round.zones().size(), index.total(),
                round.reports(), round.findings()));
    }

    private void finish(Round round, ReconcileReport report) {
        if (!round.finish()) {
            return; // already ended (aborted, then its sweep ran anyway)
        }
        if (round.dryRun()) {
            synchronized (this) {
                lastDryRun = report;
                dryRun = null;
            }
            round.done().complete(report);
            return;
        }
        status.recordRound(report);
        metrics.round(round.trigger().source(), report.startedAt(), report.complete());
        if (report.complete()) {
            LOG.infof("round %d (%s): %d instance(s), %d planned, %d applied, %d failed, %d finding(s), %d zone(s) "
                    + "read, %d ms", report.pass(), report.trigger(), report.instances().size(),
                    report.planned().size(), report.applied().size(), report.failures().size(),
                    report.findings().size(), report.zonesListed(),
                    Duration.between(report.startedAt(), report.finishedAt()).toMillis());
        }
        synchronized (this) {
            if (running == round) {
                running = null;
            }
            Request waiting = next;
            next = null;
            if (report.complete()) {
                incompleteInARow = 0;
            } else {
                incompleteInARow++;
                boolean nothing = report.readNothing();
                LOG.logf(nothing ? Logger.Level.ERROR : Logger.Level.WARN, "round %d (%s) is incomplete%s: %s; %s",
                        report.pass(), report.trigger(), nothing ? " and could not read its sources" : "",
                        String.join("; ", report.problems()), retryLater(waiting != null));
            }
            if (waiting != null) {
                start(waiting.trigger(), waiting.force()).done().whenComplete((v, e) -> {
                    if (e != null) {
                        waiting.done().completeExceptionally(e);
                    } else {
                        waiting.done().complete(v);
                    }
                });
            }
        }
        round.done().complete(report);
    }

    /** Holding the lock: one pending retry of an incomplete round, with backoff. Says what will happen. */
    private String retryLater(boolean anotherWaits) {
        if (anotherWaits) {
            return "the next round starts now";
        }
        if (retry != null) {
            return "a retry is already scheduled";
        }
        Duration delay = io.apimdnssync.config.Backoff.after(incompleteInARow, config.reconcile().backoffInitial(),
                config.reconcile().backoffMax());
        retry = delays.schedule(delay, () -> {
            synchronized (this) {
                retry = null;
            }
            resync(Trigger.of("retry"), false);
        });
        return "retry in " + (delay.toMillis() < 1000 ? delay.toMillis() + " ms" : delay.toSeconds() + " s");
    }

    synchronized void stop(@Observes ShutdownEvent e) {
        if (retry != null) {
            retry.run();
            retry = null;
        }
    }
}
