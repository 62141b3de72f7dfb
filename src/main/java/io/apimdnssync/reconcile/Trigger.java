package io.apimdnssync.reconcile;

import java.time.Instant;
import java.util.Optional;

/**
 * Why work was enqueued, and for an ARM event the time ARM stamped on it: that time travels with the work item to
 * the stale window it measures (the update's completion to the record written).
 */
public record Trigger(String source, Optional<Instant> eventTime) {

    public static Trigger of(String source) {
        return new Trigger(source, Optional.empty());
    }

    public static Trigger event(String via, Instant time) {
        return new Trigger(via, Optional.of(time));
    }

    /** Two triggers for the same key coalesce: the first source names the work, the newest event time is kept. */
    Trigger merge(Trigger newer) {
        Optional<Instant> time = eventTime.isEmpty() ? newer.eventTime
                : newer.eventTime.filter(t -> t.isAfter(eventTime.get())).or(() -> eventTime);
        return new Trigger(source, time);
    }
}
