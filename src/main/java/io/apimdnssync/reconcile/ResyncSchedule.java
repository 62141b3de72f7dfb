package io.apimdnssync.reconcile;

import io.apimdnssync.config.ScheduleSwitch;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The periodic resync round: at start-up, then every {@code reconcile.resync-interval}. */
@ApplicationScoped
public class ResyncSchedule {
    private final Rounds rounds;

    ResyncSchedule(Rounds rounds) {
        this.rounds = rounds;
    }

    @Scheduled(identity = ScheduleSwitch.RESYNC, every = "${apim-dns-sync.reconcile.resync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ScheduleSwitch.class)
    void resync() {
        rounds.resync(Trigger.of("resync"), false);
    }
}
