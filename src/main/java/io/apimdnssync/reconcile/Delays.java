package io.apimdnssync.reconcile;

import java.time.Duration;

/** One-shot timers for follow-ups (retries, update polling, round retries); the callback only enqueues. */
@FunctionalInterface
public interface Delays {
    /** Runs the action after the delay; returns what cancels it. */
    Runnable schedule(Duration delay, Runnable action);
}
