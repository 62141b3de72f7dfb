package io.apimdnssync.source;

import io.apimdnssync.arm.ArmId;
import java.util.Optional;

/** The outcome of reading one instance: found, confirmed gone (404), or failed (unknown: change nothing). */
public record InstanceRead(ArmId id, Status status, Optional<InstanceSnapshot> snapshot, String error) {
    public enum Status {
        FOUND,
        GONE,
        FAILED
    }

    public static InstanceRead found(InstanceSnapshot s) {
        return new InstanceRead(s.id(), Status.FOUND, Optional.of(s), "");
    }

    public static InstanceRead gone(ArmId id) {
        return new InstanceRead(id, Status.GONE, Optional.empty(), "");
    }

    public static InstanceRead failed(ArmId id, String error) {
        return new InstanceRead(id, Status.FAILED, Optional.empty(), error);
    }
}
