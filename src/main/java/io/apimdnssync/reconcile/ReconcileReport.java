package io.apimdnssync.reconcile;

import io.apimdnssync.config.Mode;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.source.InstanceRead;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a resync round ({@code full}: every instance and the orphan sweep) or of one keyed work item:
 * every planned and applied change, every finding, and the per-instance view. {@code problems} say what kept a
 * round from being complete (a scope or zone discovery that could not be listed); such a round is retried. Status,
 * readiness, drift detection and alerts read this.
 */
public record ReconcileReport(
        long pass,
        String trigger,
        boolean full,
        boolean dryRun,
        Mode mode,
        Instant startedAt,
        Instant finishedAt,
        int zonesListed,
        long ownedRecords,
        List<Change> planned,
        List<Change> applied,
        List<String> failures,
        List<Finding> findings,
        List<String> problems,
        List<InstanceReport> instances) {

    public boolean guardTripped() {
        return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.GUARD);
    }

    public boolean complete() {
        return problems.isEmpty();
    }

    /**
     * A source could not be read at all: no instance was read (every APIM list or GET failed), or no zone was. An
     * RFC 2136 zone still readable does not make up for an ARM that answers nothing.
     */
    public boolean readNothing() {
        return zonesListed == 0
                || instances.stream().noneMatch(i -> i.read().status() == InstanceRead.Status.FOUND);
    }
}
