package io.apimdnssync.events;

import io.apimdnssync.config.SyncConfig;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/events}: DOWN while the Kafka consumer fails (its reason as data). Not part of readiness:
 * the webhook, the change watch and the resync still bring changes in.
 */
@HealthGroup("events")
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {
    private final KafkaEvents kafka;
    private final boolean enabled;

    KafkaHealthCheck(KafkaEvents kafka, SyncConfig config) {
        this.kafka = kafka;
        this.enabled = config.events().kafka().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("kafka").withData("enabled", enabled)
                .withData("consuming", kafka.consuming());
        return kafka.failure().map(f -> b.down().withData("reason", f)).orElseGet(b::up).build();
    }
}
