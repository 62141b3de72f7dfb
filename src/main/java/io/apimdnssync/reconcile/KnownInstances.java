package io.apimdnssync.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * Whether an instance key has been seen — reconciled (in the status) or owning records — and the work queue's door
 * for keys that come from outside (events, callers): known keys as keyed work, unseen ones behind it.
 */
@ApplicationScoped
public class KnownInstances {
    private final StatusStore status;
    private final OwnedIndex index;
    private final WorkQueue queue;

    KnownInstances(StatusStore status, OwnedIndex index, WorkQueue queue) {
        this.status = status;
        this.index = index;
        this.queue = queue;
    }

    public boolean known(String key) {
        return status.instance(key).isPresent() || !index.zonesOf(key).isEmpty();
    }

    /** Enqueues work for a key named from outside: ahead of resync work when known, behind keyed work when not. */
    public CompletableFuture<ReconcileReport> reconcile(String key, Trigger trigger, boolean force) {
        return known(key) ? queue.reconcile(key, trigger, force) : queue.reconcileUnseen(key, trigger, force);
    }
}
