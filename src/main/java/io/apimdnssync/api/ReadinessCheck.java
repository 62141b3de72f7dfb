package io.apimdnssync.api;

import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.StatusStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the configuration is valid (start-up fails otherwise), a resync round has completed, and the latest round
 * could read its sources — a round in which every APIM list and every zone read failed is not ready, with the reason
 * as data. A round that read some and failed others is ready, its problems shown. Drift never affects readiness. A
 * replica that does not lead is ready (it stands by to take over) and says so; with leader election, a leader is also
 * ready while its first round runs (unless a round read nothing), so that the webhook keeps an endpoint on failover.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final StatusStore status;
    private final SyncConfig config;
    private final Leadership leadership;

    ReadinessCheck(StatusStore status, SyncConfig config, Leadership leadership) {
        this.status = status;
        this.config = config;
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sources").withData("mode",
                WireNames.of(config.mode())).withData("policy", config.policy().map(WireNames::of).orElse("unset"));
        leadership.labelProblem().ifPresent(p -> b.withData("leaderLabel", p));
        if (!leadership.leading()) {
            // A follower is ready to take over (the webhook's Service selects the leader by its pod label) — unless
            // it cannot reach the Lease, when it could never take over.
            b.withData("role", "standby").withData("leader", leadership.leader().orElse("none yet"));
            return leadership.electionProblem().map(p -> b.down().withData("reason", p)).orElseGet(b::up).build();
        }
        leadership.electionProblem().ifPresent(p -> b.withData("election", p));
        Optional<ReconcileReport> last = status.lastRound();
        if (config.leaderElection().enabled() && status.lastCompleteRound().isEmpty()
                && last.filter(ReconcileReport::readNothing).isEmpty()) {
            // A replica that just took over is ready while its first round runs: the webhook only queues work, and
            // a leader out of the Service would leave Event Grid with no endpoint at all after every failover.
            return b.up().withData("role", "leader").withData("firstRound", last.isPresent() ? "incomplete, "
                    + String.join("; ", last.get().problems()) : "running").build();
        }
        last.ifPresent(r -> b.withData("lastRound", r.finishedAt().toString())
                .withData("lastRoundComplete", r.complete()));
        last.filter(r -> !r.complete()).ifPresent(r -> b.withData("problems", String.join("; ", r.problems())));
        if (status.lastCompleteRound().isEmpty()) {
            return b.down().withData("reason", last.map(r -> "no resync round has completed yet; the latest could "
                    + "not: " + String.join("; ", r.problems())).orElse("the first resync round has not finished"))
                    .build();
        }
        b.withData("lastCompleteRound", status.lastCompleteRound().get().finishedAt().toString());
        if (last.filter(r -> !r.complete() && r.readNothing()).isPresent()) {
            return b.down().withData("reason", "the latest resync round could read none of its sources: "
                    + String.join("; ", last.get().problems())).build();
        }
        return b.up().build();
    }
}
