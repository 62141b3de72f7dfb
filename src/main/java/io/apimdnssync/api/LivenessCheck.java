package io.apimdnssync.api;

import io.apimdnssync.reconcile.WorkQueue;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The process answers and its work queue is sound. Reconcile failures are status, not a reason to restart; a worker
 * that hit a fatal error (an {@link Error}) is: the state it left cannot be trusted.
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
        return queue.fatalError().map(e -> HealthCheckResponse.named("work-queue").down().withData("fatal", e).build())
                .orElseGet(() -> HealthCheckResponse.up("work-queue"));
    }
}
