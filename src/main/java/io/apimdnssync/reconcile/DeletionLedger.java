package io.apimdnssync.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletions applied since the current resync round began, by any work item: the guard weighs each plan's deletions
 * together with these, so a round of many small per-instance deletions cannot empty the zones either.
 */
@ApplicationScoped
public class DeletionLedger {
    private final AtomicLong deleted = new AtomicLong();

    void roundStarted() {
        deleted.set(0);
    }

    void deleted(long n) {
        deleted.addAndGet(n);
    }

    long sinceRoundStart() {
        return deleted.get();
    }
}
