package io.apimdnssync.azure;

import com.azure.core.util.Context;
import io.apimdnssync.arm.Priority;

/** The SDK {@code Context} of one ARM call: carries the work's {@link Priority} to the read pacer. */
public final class ArmContext {
    private ArmContext() {
    }

    public static Context of(Priority priority) {
        return new Context(Priority.CONTEXT_KEY, priority);
    }
}
