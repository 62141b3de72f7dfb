package io.apimdnssync.reconcile;

import io.apimdnssync.config.ScheduleSwitch;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The periodic resync round: at start-up, then every {@code reconcile.resync-interval}. */
@ApplicationScoped
public class ResyncSchedule {
    private final Rounds rounds;
    private final Leadership leadership;

    ResyncSchedule(Rounds rounds, Leadership leadership) {
        this.rounds = rounds;
        this.leadership = leadership;
    }

    @Scheduled(identity = ScheduleSwitch.RESYNC, every = "${apim-dns-sync.reconcile.resync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ScheduleSwitch.class)
    void resync() {
        if (leadership.leading()) {
            rounds.resync(Trigger.of("resync"), false);
        }
    }
}
