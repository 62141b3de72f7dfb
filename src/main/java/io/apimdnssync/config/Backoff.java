package io.apimdnssync.config;

import java.time.Duration;

/** Exponential backoff, as the work queue, the Kafka consumer and GSS-TSIG logins wait after failures. */
public final class Backoff {
    private Backoff() {
    }

    /** {@code initial} doubled per failure in a row after the first, at most {@code max}. */
    public static Duration after(int failuresInARow, Duration initial, Duration max) {
        long base = initial.toMillis() << Math.min(Math.max(failuresInARow, 1) - 1, 20);
        return Duration.ofMillis(Math.min(base, max.toMillis()));
    }
}
