package io.apimdnssync.api;

import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.StatusStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the configuration is valid (start-up fails otherwise) and a resync round has completed: it listed
 * every scope and zone and read at least one instance. Until then it says what the latest round could not do.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final StatusStore status;
    private final SyncConfig config;

    ReadinessCheck(StatusStore status, SyncConfig config) {
        this.status = status;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("first-round").withData("mode",
                WireNames.of(config.mode())).withData("policy", config.policy().map(WireNames::of).orElse("unset"));
        status.lastRound().ifPresent(r -> b.withData("lastRound", r.finishedAt().toString())
                .withData("lastRoundComplete", r.complete()));
        if (status.lastCompleteRound().isPresent()) {
            return b.up().withData("lastCompleteRound", status.lastCompleteRound().get().finishedAt().toString())
                    .build();
        }
        return b.down().withData("reason", status.lastRound().map(ReadinessCheck::why)
                .orElse("the first resync round has not finished")).build();
    }

    private static String why(ReconcileReport r) {
        return "no resync round has completed yet; the latest could not: " + String.join("; ", r.problems());
    }
}
