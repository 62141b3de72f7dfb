package io.apimdnssync.reconcile;

import io.apimdnssync.config.Settings;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.source.ProvisioningPhase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The work queue: triggers only enqueue an instance key (or a full resync); one runner drains it, so each key has
 * at most one pass running and one queued, and a burst of triggers coalesces into one pass. Failing keys come back
 * with exponential backoff; instances mid-update are polled until their state is terminal.
 */
@ApplicationScoped
public class WorkQueue {
    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    @Inject
    Settings settings;
    @Inject
    Reconciler reconciler;
    @Inject
    StatusStore status;
    @Inject
    StaleWindows staleWindows;

    private final Object lock = new Object();
    private final Set<String> pendingKeys = new LinkedHashSet<>();
    private final List<CompletableFuture<ReconcileReport>> waiters = new ArrayList<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private boolean pendingFull;
    private boolean pendingForce;
    private String pendingTrigger = "";
    private boolean running;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopped;

    void start(@Observes @Priority(100) StartupEvent e) {
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "reconcile-queue");
            t.setDaemon(true);
            return t;
        });
        if (settings.resyncEnabled()) {
            long every = settings.resyncInterval().toMillis();
            scheduler.scheduleAtFixedRate(() -> enqueueFull("resync", false), 0, every, TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent e) {
        stopped = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    public CompletableFuture<ReconcileReport> enqueueFull(String trigger, boolean force) {
        return enqueue(Set.of(), true, force, trigger);
    }

    public CompletableFuture<ReconcileReport> enqueue(String instanceKey, String trigger) {
        return enqueue(Set.of(instanceKey.toLowerCase(Locale.ROOT)), false, false, trigger);
    }

    private CompletableFuture<ReconcileReport> enqueue(Set<String> keys, boolean full, boolean force, String trigger) {
        CompletableFuture<ReconcileReport> done = new CompletableFuture<>();
        synchronized (lock) {
            pendingKeys.addAll(keys);
            pendingFull |= full;
            pendingForce |= force;
            pendingTrigger = pendingTrigger.isEmpty() ? trigger : pendingTrigger;
            waiters.add(done);
            if (!running && !stopped && scheduler != null) {
                running = true;
                scheduler.execute(this::drain);
            }
        }
        return done;
    }

    private void drain() {
        while (true) {
            PassRequest req;
            List<CompletableFuture<ReconcileReport>> toComplete;
            synchronized (lock) {
                if (stopped || (!pendingFull && pendingKeys.isEmpty())) {
                    running = false;
                    waiters.forEach(w -> w.cancel(false));
                    waiters.clear();
                    return;
                }
                req = pendingFull ? PassRequest.full(pendingTrigger) : PassRequest.keys(pendingKeys, pendingTrigger);
                req = req.forced(pendingForce);
                pendingKeys.clear();
                pendingFull = false;
                pendingForce = false;
                pendingTrigger = "";
                toComplete = new ArrayList<>(waiters);
                waiters.clear();
            }
            try {
                ReconcileReport report = reconciler.run(req);
                staleWindows.record(report, key -> status.instance(key).isPresent());
                status.record(report);
                followUp(report);
                toComplete.forEach(w -> w.complete(report));
            } catch (RuntimeException ex) {
                if (stopped) {
                    toComplete.forEach(w -> w.cancel(false));
                    return;
                }
                LOG.error("reconcile pass failed", ex);
                toComplete.forEach(w -> w.completeExceptionally(ex));
                if (!req.full()) {
                    req.keys().forEach(k -> retryLater(k, "pass failed"));
                }
            }
        }
    }

    private void followUp(ReconcileReport report) {
        for (InstanceReport r : report.instances()) {
            boolean updating = r.read().snapshot().map(s -> s.phase() == ProvisioningPhase.IN_PROGRESS).orElse(false);
            if (!r.healthy()) {
                retryLater(r.instance(), "failed");
            } else {
                failures.remove(r.instance());
                if (updating && r.desire().verdict() == InstanceDesire.Verdict.HOLD) {
                    later(r.instance(), settings.updatePollInterval(), "update-poll");
                }
            }
        }
    }

    private void retryLater(String key, String why) {
        int n = failures.merge(key, 1, Integer::sum);
        long base = settings.backoffInitial().toMillis() << Math.min(n - 1, 20);
        Duration delay = Duration.ofMillis(Math.min(base, settings.backoffMax().toMillis()));
        LOG.debugf("instance %s %s; retry %d in %s", key, why, n, delay);
        later(key, delay, "backoff");
    }

    private void later(String key, Duration delay, String trigger) {
        if (scheduler != null && !stopped) {
            long jitter = (long) (delay.toMillis() * 0.1 * Math.random());
            scheduler.schedule(() -> enqueue(key, trigger), delay.toMillis() + jitter, TimeUnit.MILLISECONDS);
        }
    }
}
