package io.apimdnssync.api;

import io.apimdnssync.reconcile.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * The process answers and its work queue is sound. Reconcile failures are status, not a reason to restart; a worker
 * that hit a fatal error (an {@link Error}) is — the state it left cannot be trusted — and so is a queue in which
 * nothing has finished for {@code reconcile.stall-after} while work waits.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
    private final WorkQueue queue;

    LivenessCheck(WorkQueue queue) {
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<String> fatal = queue.fatalError();
        Optional<String> stalled = queue.stalled();
        if (fatal.isEmpty() && stalled.isEmpty()) {
            return HealthCheckResponse.up("work-queue");
        }
        HealthCheckResponseBuilder b = HealthCheckResponse.named("work-queue").down();
        fatal.ifPresent(e -> b.withData("fatal", e));
        stalled.ifPresent(s -> b.withData("stalled", s));
        return b.build();
    }
}
