package io.apimdnssync.api;

import io.apimdnssync.config.Settings;
import io.apimdnssync.reconcile.StatusStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the configuration is valid (start-up fails otherwise) and the first full pass has run. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    StatusStore status;
    @Inject
    Settings settings;

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("first-reconcile").withData("mode", settings.mode().wire())
                .withData("policy", settings.policy().wire());
        return status.lastFullPass().map(p -> builder.up().withData("lastFullPass", p.finishedAt().toString()).build())
                .orElseGet(() -> builder.down().withData("reason", "the first full pass has not finished").build());
    }
}
