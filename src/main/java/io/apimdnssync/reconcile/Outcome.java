package io.apimdnssync.reconcile;

import java.time.Duration;
import java.util.Optional;

/**
 * What one work item came to, for the queue: its report (waiters get it), a failure (the key is retried with
 * backoff), or an instance mid-update to look at again after a while.
 */
public record Outcome(Optional<ReconcileReport> report, Optional<String> failure, Optional<Duration> recheckIn) {

    public static Outcome done(ReconcileReport report) {
        return new Outcome(Optional.of(report), Optional.empty(), Optional.empty());
    }

    public static Outcome nothing() {
        return new Outcome(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Outcome failed(String why) {
        return new Outcome(report, Optional.of(why), recheckIn);
    }

    public Outcome recheck(Duration after) {
        return new Outcome(report, failure, Optional.of(after));
    }
}
