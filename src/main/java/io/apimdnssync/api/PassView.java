package io.apimdnssync.api;

import io.apimdnssync.config.Mode;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import java.time.Instant;
import java.util.List;

/** The JSON shape of a round or keyed item (or of a dry-run plan). */
public record PassView(long pass, String trigger, boolean full, boolean dryRun, Mode mode, Instant startedAt,
        Instant finishedAt, int zonesListed, long ownedRecords, boolean guardTripped, boolean complete,
        List<String> problems, List<String> planned, List<String> applied, List<String> failures,
        List<Finding> findings) {

    static PassView of(ReconcileReport r) {
        return new PassView(r.pass(), r.trigger(), r.full(), r.dryRun(), r.mode(), r.startedAt(), r.finishedAt(),
                r.zonesListed(), r.ownedRecords(), r.guardTripped(), r.complete(), r.problems(),
                r.planned().stream().map(Change::toString).toList(),
                r.applied().stream().map(Change::toString).toList(),
                r.failures(), r.findings());
    }
}
