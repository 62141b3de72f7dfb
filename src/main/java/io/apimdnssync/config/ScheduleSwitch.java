package io.apimdnssync.config;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * The on/off switches of the scheduled jobs, by their identity: {@code reconcile.enabled} (the resync),
 * {@code events.watch.enabled} (the change watch), {@code sweep.enabled} (the DNS sweep). A job switched off is
 * skipped.
 */
@Singleton
public class ScheduleSwitch implements Scheduled.SkipPredicate {
    public static final String RESYNC = "resync";
    public static final String CHANGE_WATCH = "change-watch";
    public static final String DNS_SWEEP = "dns-sweep";

    private final SyncConfig config;

    ScheduleSwitch(SyncConfig config) {
        this.config = config;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !on(execution.getTrigger().getId());
    }

    public boolean on(String identity) {
        return switch (identity) {
            case RESYNC -> config.reconcile().enabled();
            case CHANGE_WATCH -> config.events().watch().enabled();
            case DNS_SWEEP -> config.sweep().enabled();
            default -> true;
        };
    }
}
