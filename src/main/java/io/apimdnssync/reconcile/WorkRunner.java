package io.apimdnssync.reconcile;

/** Runs one work item; the queue decides when, and what happens after. */
@FunctionalInterface
public interface WorkRunner {
    Outcome run(Work work);
}
