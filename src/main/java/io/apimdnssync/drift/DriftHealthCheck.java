package io.apimdnssync.drift;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/drift}: DOWN while any drift episode is open, with the items as data. Not part of readiness
 * or liveness: drift never takes the daemon out of service.
 */
@HealthGroup("drift")
@ApplicationScoped
public class DriftHealthCheck implements HealthCheck {
    private static final int SHOWN = 50;
    private final DriftEpisodes episodes;

    DriftHealthCheck(DriftEpisodes episodes) {
        this.episodes = episodes;
    }

    @Override
    public HealthCheckResponse call() {
        List<DriftItem> open = episodes.open();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("drift").withData("open", open.size());
        for (int i = 0; i < Math.min(SHOWN, open.size()); i++) {
            DriftItem d = open.get(i);
            b.withData("item" + i, d + ", since " + d.firstSeen());
        }
        return open.isEmpty() ? b.up().build() : b.down().build();
    }
}
