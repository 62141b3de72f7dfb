package io.apimdnssync.desired;

import io.apimdnssync.arm.ArmId;
import java.util.List;

/**
 * The desired state of one instance. {@link Verdict#PUBLISH}: exactly {@link #records()} should exist and every
 * other record the instance owns should go (policy permitting). {@link Verdict#HOLD}: change nothing.
 */
public record InstanceDesire(ArmId instance, Verdict verdict, List<DesiredRecord> records, String reason) {

    public enum Verdict {
        PUBLISH,
        HOLD
    }

    public static InstanceDesire publish(ArmId instance, List<DesiredRecord> records, String reason) {
        return new InstanceDesire(instance, Verdict.PUBLISH, List.copyOf(records), reason);
    }

    public static InstanceDesire hold(ArmId instance, String reason) {
        return new InstanceDesire(instance, Verdict.HOLD, List.of(), reason);
    }

    /** The instance no longer exists: none of its records should remain. */
    public static InstanceDesire gone(ArmId instance) {
        return publish(instance, List.of(), "instance no longer exists");
    }
}
