package io.apimdnssync.reconcile;

import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.source.InstanceRead;
import java.time.Instant;
import java.util.List;

/** What one work item did for one instance. */
public record InstanceReport(
        String instance,
        InstanceRead read,
        InstanceDesire desire,
        List<CurrentRecord> actual,
        List<Change> planned,
        List<Change> applied,
        List<String> failures,
        List<Finding> findings,
        Instant at) {

    /** Nothing failed: the instance was read, its zones were read, every write went through. */
    public boolean healthy() {
        return failures.isEmpty() && read.status() != InstanceRead.Status.FAILED
                && findings.stream().noneMatch(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE);
    }
}
