package io.apimdnssync.source;

import io.apimdnssync.arm.ArmId;
import java.util.Optional;

/**
 * The outcome of reading one instance: found; gone (404, confirmed); gone but not yet confirmed (records held); or
 * failed (unknown: change nothing).
 */
public record InstanceRead(ArmId id, Status status, Optional<InstanceSnapshot> snapshot, String error) {
    public enum Status {
        FOUND,
        GONE,
        GONE_UNCONFIRMED,
        FAILED
    }

    public static InstanceRead found(InstanceSnapshot s) {
        return new InstanceRead(s.id(), Status.FOUND, Optional.of(s), "");
    }

    public static InstanceRead gone(ArmId id) {
        return new InstanceRead(id, Status.GONE, Optional.empty(), "");
    }

    /** ARM answered 404, but that is not yet confirmed: nothing of the instance may change. */
    public static InstanceRead goneUnconfirmed(ArmId id, String why) {
        return new InstanceRead(id, Status.GONE_UNCONFIRMED, Optional.empty(), why);
    }

    public static InstanceRead failed(ArmId id, String error) {
        return new InstanceRead(id, Status.FAILED, Optional.empty(), error);
    }
}
