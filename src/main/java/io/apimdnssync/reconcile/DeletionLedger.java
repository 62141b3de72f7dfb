package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Plan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongFunction;

/**
 * Deletions made or admitted since the current resync round began, by any work item: the guard weighs each plan's
 * deletions together with these, so a round of many small per-instance deletions cannot empty the zones either.
 * Admission is atomic — items running in parallel cannot each pass the guard on the same count — and what an item
 * did not delete after all is given back.
 */
@ApplicationScoped
public class DeletionLedger {
    private long deleted;

    synchronized void roundStarted() {
        deleted = 0;
    }

    /** Runs the guard on the count so far and admits the deletions the guarded plan keeps. */
    synchronized Plan admit(LongFunction<Plan> guard) {
        Plan plan = guard.apply(deleted);
        deleted += plan.deletes();
        return plan;
    }

    /** Gives back admitted deletions that were not made (a failed write, a dry run, observe mode). */
    synchronized void settle(long admitted, long made) {
        deleted -= Math.max(0, admitted - made);
    }

    synchronized long sinceRoundStart() {
        return deleted;
    }
}
