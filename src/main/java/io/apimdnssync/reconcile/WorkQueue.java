package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.provider.Parallel;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * The work queue (java-operator-sdk's rule): triggers only enqueue a key; one item per key runs at a time and at
 * most one more waits (a burst coalesces); different keys run in parallel on up to {@code workers} threads; keyed
 * work goes ahead of resync work. Retries belong here, per key: a failed instance gets one pending retry with
 * exponential backoff however many triggers fail; an instance mid-update is looked at again after the poll interval.
 */
@ApplicationScoped
public class WorkQueue {
    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    /**
     * How many items run at once, the retry backoff of a failing key, when a busy queue counts as stalled, and how long
     * a shutdown waits for the items running.
     */
    public record Limits(int workers, Duration backoffInitial, Duration backoffMax, Duration stallAfter,
            Duration shutdownGrace) {
    }

    private static final class Pending {
        Work work;
        final List<CompletableFuture<ReconcileReport>> waiters = new ArrayList<>();

        Pending(Work work) {
            this.work = work;
        }
    }

    /** A scheduled follow-up (retry or update poll) of one key; only the current one may fire. */
    private static final class FollowUp {
        Runnable cancel = () -> {
        };
    }

    private final Limits limits;
    private final Executor executor;
    private final Delays delays;
    private final WorkRunner runner;

    private final Object lock = new Object();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Set<String> keyedOrder = new LinkedHashSet<>();
    private final Set<String> resyncOrder = new LinkedHashSet<>();
    /** What runs: instance keys (a dry run of an instance waits for its real item, and the other way round). */
    private final Set<String> running = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, FollowUp> followUps = new HashMap<>();
    private final List<Work> refused = new ArrayList<>();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private boolean stopped;
    /** When an item last finished, or the queue last went from idle to busy. */
    private Instant progress = Instant.now();

    /** The workers: a pool of their own, apart from HTTP's, so that neither can starve the other. */
    private ManagedExecutor pool;

    @Inject
    WorkQueue(SyncConfig config, Delays delays, WorkRunner runner) {
        this(new Limits(config.reconcile().workers(), config.reconcile().backoffInitial(),
                config.reconcile().backoffMax(), config.reconcile().stallAfter(), config.reconcile().shutdownGrace()),
                Parallel.pool(config.reconcile().workers()), delays, runner);
        this.pool = (ManagedExecutor) executor;
    }

    WorkQueue(Limits limits, Executor executor, Delays delays, WorkRunner runner) {
        this.limits = limits;
        this.executor = executor;
        this.delays = delays;
        this.runner = runner;
    }

    /** Keyed work for one instance (read afresh when it runs); completes with its report. */
    public CompletableFuture<ReconcileReport> reconcile(String instanceKey, Trigger trigger, boolean force) {
        return submit(Work.instance(instanceKey.toLowerCase(Locale.ROOT), trigger, force));
    }

    /** Like {@link #reconcile}, for a key never seen: behind keyed work of known instances (see Work.unseen). */
    public CompletableFuture<ReconcileReport> reconcileUnseen(String instanceKey, Trigger trigger, boolean force) {
        return submit(Work.unseen(instanceKey.toLowerCase(Locale.ROOT), trigger, force));
    }

    public CompletableFuture<ReconcileReport> submit(Work work) {
        CompletableFuture<ReconcileReport> done = new CompletableFuture<>();
        boolean accepted;
        synchronized (lock) {
            accepted = !stopped;
            if (accepted) {
                enqueue(work).waiters.add(done);
                dispatch();
            }
        }
        if (accepted) {
            reportRefused();
        } else {
            done.cancel(false);
            runner.dropped(work, "the daemon is shutting down");
        }
        return done;
    }

    /** Holding the lock: the pending entry of the work's key, new or merged with what waits. */
    private Pending enqueue(Work work) {
        if (pending.isEmpty() && running.isEmpty()) {
            progress = Instant.now();
        }
        Pending p = pending.get(work.key());
        if (p == null) {
            p = new Pending(work);
            pending.put(work.key(), p);
            order(work.priority()).add(work.key());
            return p;
        }
        Priority before = p.work.priority();
        p.work = p.work.merge(work);
        if (p.work.priority() != before) {
            order(before).remove(work.key());
            order(p.work.priority()).add(work.key());
        }
        return p;
    }

    private Set<String> order(Priority priority) {
        return priority == Priority.KEYED ? keyedOrder : resyncOrder;
    }

    /** Starts items while workers are free: keyed before resync, FIFO within each, never two of one instance. */
    private void dispatch() {
        while (running.size() < limits.workers() && !stopped) {
            Optional<String> next = next(keyedOrder).or(() -> next(resyncOrder));
            if (next.isEmpty()) {
                return;
            }
            Pending p = pending.remove(next.get());
            keyedOrder.remove(next.get());
            resyncOrder.remove(next.get());
            running.add(runKey(p.work));
            try {
                executor.execute(() -> run(p));
            } catch (RejectedExecutionException e) {
                running.remove(runKey(p.work));
                LOG.warnf("work for %s was not started: the executor refused it (%s)", p.work.key(), e.getMessage());
                p.waiters.forEach(w -> w.cancel(false));
                refused.add(p.work);
                return;
            }
        }
    }

    /** Tells the runner, outside the lock, of items the executor refused. */
    private void reportRefused() {
        List<Work> items;
        synchronized (lock) {
            items = List.copyOf(refused);
            refused.clear();
        }
        items.forEach(w -> runner.dropped(w, "the executor refused it"));
    }

    private static String runKey(Work w) {
        return w.kind() == Work.Kind.INSTANCE ? w.instanceKey() : w.key();
    }

    private Optional<String> next(Set<String> order) {
        return order.stream().filter(k -> !running.contains(runKey(pending.get(k).work))).findFirst();
    }

    private void run(Pending p) {
        Outcome outcome = Outcome.nothing();
        Throwable error = null;
        try {
            outcome = runner.run(p.work);
        } catch (RuntimeException e) {
            error = e;
        } catch (Error e) {
            // Not survivable in general: say so loudly, let liveness report it, and keep the key from sticking.
            error = e;
            fatal.compareAndSet(null, e + " (while running " + p.work.key() + ")");
            LOG.error("a work queue worker hit a fatal error running " + p.work.key()
                    + "; liveness now reports DOWN", e);
        } finally {
            finish(p, outcome, error);
        }
    }

    private void finish(Pending p, Outcome outcome, Throwable error) {
        Work w = p.work;
        boolean cutShort;
        synchronized (lock) {
            running.remove(runKey(w));
            lock.notifyAll(); // a shutdown may wait for the items running
            progress = Instant.now();
            cutShort = stopped;
            if (!cutShort) {
                followUp(w, error == null ? outcome.failure() : Optional.of(describe(error)), outcome.recheckIn());
                dispatch();
            }
        }
        reportRefused();
        if (cutShort && (error != null || outcome.failure().isPresent())) {
            LOG.warnf("work for %s was cut short by shutdown: %s", w.key(),
                    error != null ? describe(error) : outcome.failure().get());
        } else if (error instanceof RuntimeException) {
            // Expected failures are findings in the outcome: what escapes is a bug, and its stack trace says where.
            LOG.warnf(error, "work for %s failed unexpectedly", w.key());
        }
        for (CompletableFuture<ReconcileReport> waiter : p.waiters) {
            if (error != null) {
                waiter.completeExceptionally(error);
            } else if (outcome.report().isPresent()) {
                waiter.complete(outcome.report().get());
            } else {
                waiter.cancel(false);
            }
        }
    }

    /** Holding the lock: per-key retry with backoff, or the next look at an instance mid-update. */
    private void followUp(Work w, Optional<String> failure, Optional<Duration> recheckIn) {
        if (!retriesPerKey(w)) {
            return;
        }
        String key = w.instanceKey();
        if (failure.isPresent()) {
            int n = failures.merge(key, 1, Integer::sum);
            Duration delay = backoff(n);
            if (!followUps.containsKey(key)) {
                LOG.warnf("instance %s: %s; retry %d in %s", key, failure.get(), n, pretty(delay));
                later(key, delay, "retry");
            } else {
                LOG.warnf("instance %s: %s; a retry is already scheduled", key, failure.get());
            }
            return;
        }
        failures.remove(key);
        FollowUp previous = followUps.remove(key);
        if (previous != null) {
            previous.cancel.run();
        }
        recheckIn.ifPresent(d -> later(key, d, "update-poll"));
    }

    private static boolean retriesPerKey(Work w) {
        return w.kind() == Work.Kind.INSTANCE && !w.dryRun();
    }

    Duration backoff(int failuresInARow) {
        return io.apimdnssync.config.Backoff.after(failuresInARow, limits.backoffInitial(), limits.backoffMax());
    }

    /** Holding the lock. A timer that fires after it was cancelled or replaced does nothing. */
    private void later(String key, Duration delay, String source) {
        long jitter = (long) (delay.toMillis() * 0.1 * ThreadLocalRandom.current().nextDouble());
        FollowUp f = new FollowUp();
        followUps.put(key, f);
        f.cancel = delays.schedule(delay.plusMillis(jitter), () -> {
            synchronized (lock) {
                if (!followUps.remove(key, f)) {
                    return;
                }
            }
            submit(Work.instance(key, Trigger.of(source), false));
        });
    }

    /** The first fatal error a worker hit, for liveness. */
    public Optional<String> fatalError() {
        return Optional.ofNullable(fatal.get());
    }

    /** Work waits or runs and no item has finished for longer than {@code stall-after}: the queue is wedged. */
    public Optional<String> stalled() {
        synchronized (lock) {
            Duration idle = Duration.between(progress, Instant.now());
            if (pending.isEmpty() && running.isEmpty() || idle.compareTo(limits.stallAfter()) <= 0) {
                return Optional.empty();
            }
            return Optional.of("no work item has finished for " + pretty(idle) + " while " + running.size()
                    + " run and " + pending.size() + " wait");
        }
    }

    /** For status: items waiting, running, and keys with a retry or poll scheduled. */
    public record Depth(int keyed, int resync, int running, int scheduled) {
    }

    public Depth depth() {
        synchronized (lock) {
            return new Depth(keyedOrder.size(), resyncOrder.size(), running.size(), followUps.size());
        }
    }

    /**
     * On shutdown: no more items start, queued ones are dropped (the next start's resync round picks them up), and the
     * items running get {@code shutdownGrace} to finish — each zone's write batch that has begun completes, none
     * begins ({@link Stopping}).
     */
    void stop(@Observes ShutdownEvent e) {
        List<Work> dropped = new ArrayList<>();
        synchronized (lock) {
            stopped = true;
            followUps.values().forEach(f -> f.cancel.run());
            followUps.clear();
            pending.values().forEach(p -> {
                p.waiters.forEach(w -> w.cancel(false));
                dropped.add(p.work);
            });
            pending.clear();
            keyedOrder.clear();
            resyncOrder.clear();
        }
        dropped.forEach(w -> runner.dropped(w, "the daemon is shutting down"));
        if (pool != null) {
            pool.shutdown();
        }
        int stillRunning = awaitRunning(limits.shutdownGrace());
        if (stillRunning + dropped.size() > 0) {
            LOG.infof("shutting down: %d queued work item(s) dropped, %d still running after %s are cut short; the "
                    + "next start's resync round picks them up", dropped.size(), stillRunning,
                    limits.shutdownGrace());
        }
    }

    /** Waits up to {@code grace} for the running items; returns how many still run. */
    int awaitRunning(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return running.size();
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String pretty(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
