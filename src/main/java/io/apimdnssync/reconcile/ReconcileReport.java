package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.Finding;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one pass: every planned and applied change, every finding, and the per-instance view. Status,
 * drift detection and alerts read this.
 */
public record ReconcileReport(
        long pass,
        String trigger,
        boolean full,
        boolean dryRun,
        String mode,
        Instant startedAt,
        Instant finishedAt,
        int zonesListed,
        long ownedRecords,
        List<Change> planned,
        List<Change> applied,
        List<String> failures,
        List<Finding> findings,
        List<InstanceReport> instances) {

    public boolean guardTripped() {
        return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.GUARD);
    }
}
