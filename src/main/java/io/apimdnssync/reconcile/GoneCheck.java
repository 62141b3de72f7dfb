package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies {@link GoneConfirmations} to a read: a 404 stays {@code GONE} only once confirmed, otherwise it becomes
 * {@code GONE_UNCONFIRMED} with when to look again. Reads the resource group's list when the rule asks for it.
 */
@ApplicationScoped
class GoneCheck {
    private final GoneConfirmations confirmations;
    private final ApimSource source;

    GoneCheck(GoneConfirmations confirmations, ApimSource source) {
        this.confirmations = confirmations;
        this.source = source;
    }

    record Judged(InstanceRead read, Optional<Duration> recheckIn) {
    }

    /**
     * @param known whether the instance has been seen (status, or records it owns): the 404 of one that never was
     *              (a made-up ID) is not remembered — it owns nothing that could be held, and could crowd out real
     *              ones
     */
    Judged judge(InstanceRead read, Priority priority, boolean dryRun, boolean known) {
        if (read.status() == InstanceRead.Status.FOUND && !dryRun) {
            confirmations.found(read.id(), read.snapshot().orElseThrow().readAt());
        }
        if (read.status() != InstanceRead.Status.GONE) {
            return new Judged(read, Optional.empty());
        }
        boolean record = !dryRun && known;
        Instant now = Instant.now();
        GoneConfirmations.Verdict v = confirmations.notFound(read.id(), now, record);
        if (v instanceof GoneConfirmations.Verdict.ListNeeded) {
            v = confirmations.listed(read.id(), now, source.inResourceGroupList(read.id(), priority), record);
        }
        if (v instanceof GoneConfirmations.Verdict.Unconfirmed u) {
            return new Judged(InstanceRead.goneUnconfirmed(read.id(), u.why()), Optional.of(u.recheckIn()));
        }
        return new Judged(read, Optional.empty());
    }
}
