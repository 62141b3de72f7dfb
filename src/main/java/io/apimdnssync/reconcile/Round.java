package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One resync round: every managed instance enqueued as its own work item, then the orphan sweep. The round lists
 * each zone at most once however many of its items need it ({@link RoundZones}), counts its deletions for the
 * guard, and collects the items' reports into one. A dry run (GET /api/v1/plan) is a round that writes nothing;
 * its items have keys of their own, so they never merge with real work.
 */
public final class Round {
    private final long number;
    private final Trigger trigger;
    private final boolean force;
    private final boolean dryRun;
    private final Instant startedAt;
    private final RoundZones zones = new RoundZones();
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final List<InstanceReport> reports = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final CompletableFuture<ReconcileReport> done = new CompletableFuture<>();

    Round(long number, Trigger trigger, boolean force, boolean dryRun, Instant startedAt) {
        this.number = number;
        this.trigger = trigger;
        this.force = force;
        this.dryRun = dryRun;
        this.startedAt = startedAt;
    }

    public long number() {
        return number;
    }

    public Trigger trigger() {
        return trigger;
    }

    public boolean force() {
        return force;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Instant startedAt() {
        return startedAt;
    }

    RoundZones zones() {
        return zones;
    }

    CompletableFuture<ReconcileReport> done() {
        return done;
    }

    /** The queue key of one of the round's items: instance keys as they are (a dry run's prefixed). */
    String itemKey(String name) {
        if (dryRun) {
            return "plan|" + name;
        }
        return name.startsWith("/") ? name : "resync|" + name;
    }

    String instanceKey(String itemKey) {
        return itemKey.startsWith("plan|") ? itemKey.substring(5) : itemKey;
    }

    /** Registers the round's instances before their items are enqueued, so the round cannot end early. */
    void expect(Set<String> keys) {
        instances.addAll(keys);
        outstanding.addAndGet(keys.size());
    }

    Set<String> instances() {
        return Set.copyOf(instances);
    }

    /** An instance item of the round finished; true when it was the last. */
    boolean itemDone(InstanceReport report) {
        synchronized (reports) {
            reports.add(report);
        }
        return outstanding.decrementAndGet() == 0;
    }

    boolean nothingExpected() {
        return outstanding.get() == 0;
    }

    /** True the one time the round ends; false for any later attempt. */
    boolean finish() {
        return finished.compareAndSet(false, true);
    }

    /** A round-level finding (a scope or zone discovery that could not be listed, a shadowing zone …). */
    synchronized void finding(Finding f) {
        findings.add(f);
    }

    /** Something that keeps the round from being complete: it is retried with backoff. */
    synchronized void problem(String why) {
        problems.add(why);
    }

    synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    List<InstanceReport> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }
}
