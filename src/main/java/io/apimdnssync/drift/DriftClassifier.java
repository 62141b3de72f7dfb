package io.apimdnssync.drift;

import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ChangeReason;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.source.InstanceRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The drift one pass saw, from its plan and findings. Pure. A planned change is drift only when the desire did not
 * change but the record did ({@link ChangeReason#DRIFT_REPAIR}): a VIP that moved is work, not drift.
 */
final class DriftClassifier {
    private static final Map<Finding.Kind, DriftKind> FROM_FINDINGS = Map.of(
            Finding.Kind.CONFLICT, DriftKind.CONFLICT,
            Finding.Kind.ZONE_NOT_LINKED, DriftKind.ZONE_NOT_LINKED,
            Finding.Kind.UNPLACED, DriftKind.UNPLACED,
            Finding.Kind.ZONE_UNAVAILABLE, DriftKind.TARGET_UNREACHABLE,
            Finding.Kind.KEPT, DriftKind.EXTRA_OWNED);

    private DriftClassifier() {
    }

    static List<DriftItem> items(InstanceReport r, Optional<List<DesiredRecord>> previous) {
        boolean gone = r.read().status() == InstanceRead.Status.GONE;
        List<DriftItem> out = new ArrayList<>(drifted(r.instance(), r.planned(), r.desire(), gone, previous, r.at()));
        for (Finding f : r.findings()) {
            DriftKind kind = FROM_FINDINGS.get(f.kind());
            if (kind != null) {
                out.add(new DriftItem(kind, r.instance(), f.provider(), f.zone(), f.name(), expected(r, f),
                        actual(r, f), r.at(), r.at()));
            }
        }
        return out;
    }

    /** The desired addresses of the finding's name (empty when it is not desired, or the finding is a zone's). */
    private static String expected(InstanceReport r, Finding f) {
        return r.desire().records().stream().filter(d -> !f.name().isEmpty() && d.fqdn().equals(f.name()))
                .findFirst().map(d -> String.join(",", d.ips())).orElse("");
    }

    /** What the finding's zone holds for its name, as the pass read it. */
    private static String actual(InstanceReport r, Finding f) {
        if (!f.holds().isEmpty()) {
            return String.join(",", f.holds());
        }
        return r.actual().stream().filter(c -> !f.name().isEmpty() && c.fqdn().equals(f.name())
                && c.zone().name().equals(f.zone()) && c.zone().provider().equals(f.provider())).findFirst()
                .map(c -> String.join(",", c.ips())).orElse("");
    }

    /** Missing and wrong-address records: planned repairs of records that changed while the desire did not. */
    static List<DriftItem> drifted(String instance, List<Change> planned, InstanceDesire desire, boolean gone,
            Optional<List<DesiredRecord>> previous, Instant at) {
        List<DriftItem> out = new ArrayList<>();
        for (Change c : planned) {
            if (c.action() == Change.Action.DELETE
                    || ChangeReason.of(c, gone, desire.records(), previous) != ChangeReason.DRIFT_REPAIR) {
                continue;
            }
            DriftKind kind = c.action() == Change.Action.CREATE ? DriftKind.MISSING : DriftKind.WRONG_ADDRESS;
            String actual = c.before().map(b -> String.join(",", b.ips())).orElse("");
            out.add(new DriftItem(kind, instance, c.zone().provider(), c.zone().name(), c.fqdn(),
                    String.join(",", c.ips()), actual, at, at));
        }
        return out;
    }

    /** Whether the pass changed nothing by design: an update runs, or the read failed. */
    static boolean held(InstanceReport r) {
        return r.desire().verdict() == InstanceDesire.Verdict.HOLD;
    }
}
