package io.apimdnssync.reconcile;

import io.apimdnssync.config.SyncConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

/** The periodic resync round: at start-up, then every {@code reconcile.resync-interval}. */
@ApplicationScoped
public class ResyncSchedule {
    private final Rounds rounds;

    ResyncSchedule(Rounds rounds) {
        this.rounds = rounds;
    }

    @Scheduled(identity = "resync", every = "${apim-dns-sync.reconcile.resync-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void resync() {
        rounds.resync(Trigger.of("resync"), false);
    }

    /** {@code reconcile.enabled=false}: no periodic rounds (tests drive them). */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {
        private final SyncConfig config;

        Disabled(SyncConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.reconcile().enabled();
        }
    }
}
