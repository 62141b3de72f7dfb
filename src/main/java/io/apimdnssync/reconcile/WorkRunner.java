package io.apimdnssync.reconcile;

/** Runs one work item; the queue decides when, and what happens after. */
public interface WorkRunner {
    Outcome run(Work work);

    /** An item that will never run (the executor refused it, or the daemon is stopping): its round must still end. */
    default void dropped(Work work, String why) {
    }
}
