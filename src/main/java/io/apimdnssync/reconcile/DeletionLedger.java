package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Plan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;

/**
 * Deletions made or admitted since the current resync round began, by any work item: the guard weighs each plan's
 * deletions together with these, so a round of many small per-instance deletions cannot empty the zones either.
 * Admission is atomic — items running in parallel cannot each pass the guard on the same count — and what an item
 * did not delete after all is given back.
 */
@ApplicationScoped
public class DeletionLedger {
    /** Deletions made and already taken out of the index since the round began. */
    private long made;
    /** Deletions admitted by the guard and not yet settled: still in the index. */
    private long pending;

    /** The guard's view: what is owned with the admitted deletions already taken out, and what went this round. */
    interface Guard {
        Plan check(long ownedAfterAdmitted, long deletedThisRound);
    }

    synchronized void roundStarted() {
        made = 0;
    }

    /**
     * Runs the guard on the counts so far and admits the deletions the guarded plan keeps. Admitted deletions still
     * count as owned in the index until they are settled, so they are subtracted here: two items admitted in turn
     * weigh their deletions against the same base.
     */
    synchronized Plan admit(LongSupplier ownedInIndex, Guard guard) {
        Plan plan = guard.check(ownedInIndex.getAsLong() - pending, made + pending);
        pending += plan.deletes();
        return plan;
    }

    /** What the guard would see now, without admitting anything (a dry run). */
    synchronized Plan look(LongSupplier ownedInIndex, Guard guard) {
        return guard.check(ownedInIndex.getAsLong() - pending, made + pending);
    }

    /**
     * Settles an item's admitted deletions: {@code updateIndex} takes what was made out of the index under the same
     * lock, so no guard ever sees a deletion both in the index and as made.
     */
    synchronized void settle(long admitted, long deleted, Runnable updateIndex) {
        try {
            updateIndex.run();
        } finally {
            pending -= admitted;
            made += deleted;
        }
    }

    synchronized long sinceRoundStart() {
        return made + pending;
    }
}
