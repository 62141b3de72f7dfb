package io.apimdnssync.drift;

import java.time.Instant;

/** One difference between what should resolve and what does, for one name on one target. */
public record DriftItem(DriftKind kind, String instance, String target, String zone, String name, String expected,
        String actual, Instant firstSeen, Instant lastSeen) {

    /** What makes two sightings the same item. */
    String key() {
        return kind + "|" + instance + "|" + target + "|" + zone + "|" + name;
    }

    DriftItem seenAgain(Instant at) {
        return new DriftItem(kind, instance, target, zone, name, expected, actual, firstSeen, at);
    }

    /** Seen again with what is there now (the same item: an answer that changes does not open another). */
    DriftItem seenAgain(Instant at, String nowActual) {
        return new DriftItem(kind, instance, target, zone, name, expected, nowActual, firstSeen, at);
    }

    @Override
    public String toString() {
        return kind.wireName() + " " + (name.isEmpty() ? zone : name) + " on " + target + " (instance "
                + (instance.isEmpty() ? "every instance" : instance.substring(instance.lastIndexOf('/') + 1)) + ")"
                + (expected.isEmpty() && actual.isEmpty() ? "" : ": expected [" + expected + "], actual [" + actual
                        + "]");
    }
}
