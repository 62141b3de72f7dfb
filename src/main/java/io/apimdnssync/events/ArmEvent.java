package io.apimdnssync.events;

import java.time.OffsetDateTime;
import java.util.Optional;

/** What the daemon needs of one delivered event: its kind, the resource it concerns, and when it happened. */
public record ArmEvent(String id, String type, Kind kind, String resourceId, Optional<OffsetDateTime> time,
        String validationCode) {

    public enum Kind {
        WRITE,
        DELETE,
        ACTION,
        VALIDATION,
        SUBSCRIPTION_DELETED,
        OTHER
    }
}
