package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Mode;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.source.InstanceRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the reports: per instance from one item's steps, and per round from its items. Pure. */
final class ReportBuilder {
    private ReportBuilder() {
    }

    /**
     * One instance's report: its changes, failures and findings, and its records as they are once the applied changes
     * are in ({@code listed} as read, or re-read after a stale write).
     */
    static InstanceReport instance(String ownerId, InstanceRead read, InstanceDesire desire,
            Map<ZoneRef, List<CurrentRecord>> listed, Plan plan, ApplyResult result, List<Finding> findings,
            Instant at) {
        String key = read.id().key();
        List<CurrentRecord> actual = afterApply(ownerId, listed, result.applied()).stream()
                .filter(c -> c.ownedBy(ownerId, key)).toList();
        return new InstanceReport(key, read, desire, actual, forInstance(plan.changes(), key),
                forInstance(result.applied(), key), result.failed().stream()
                        .filter(f -> f.change().instance().equals(key)).map(ApplyResult.Failed::error).toList(),
                findings.stream().filter(f -> f.instance().equals(key) || f.instance().isEmpty()).toList(), at);
    }

    /** Everything one item (or the sweep) found: the plan's findings, zones it could not read, failed writes. */
    static List<Finding> findings(Plan plan, Collection<Finding> read, ApplyResult result, Collection<Finding> more) {
        List<Finding> out = new ArrayList<>(read);
        out.addAll(more);
        out.addAll(plan.findings());
        result.failed().forEach(f -> out.add(Finding.in(f.change().zone(), Finding.Kind.APPLY_ERROR,
                f.change().instance(), f.change().fqdn(), f.error())));
        return List.copyOf(out);
    }

    /** An item that failed outright (a bug, say): its instance is reported failed, for its round. */
    static InstanceReport failed(String key, Throwable e) {
        ArmId id = ArmId.parse(key).orElseGet(() -> ArmId.placeholder(key));
        String why = "the work item failed: " + e;
        return new InstanceReport(id.key(), InstanceRead.failed(id, why), InstanceDesire.hold(id, why), List.of(),
                List.of(), List.of(), List.of(why), List.of(Finding.of(Finding.Kind.INSTANCE_ERROR, id.key(), "", "",
                        why)),
                Instant.now());
    }

    /** The report of a keyed item: one instance. */
    static ReconcileReport keyed(long pass, String trigger, boolean force, Mode mode, Instant started, Instant finished,
            int zonesListed, long owned, InstanceReport r) {
        return new ReconcileReport(pass, trigger, false, false, mode, started, finished, zonesListed, owned,
                r.planned(),
                r.applied(), r.failures(), r.findings(), List.of(), List.of(r));
    }

    /** A round's report: its items' and its sweep's, plus its own findings and problems. */
    static ReconcileReport round(Round round, Mode mode, Instant finished, int zonesListed, long owned,
            List<InstanceReport> reports, List<Finding> roundFindings) {
        List<Change> planned = new ArrayList<>();
        List<Change> applied = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<Finding> findings = new LinkedHashSet<>(roundFindings);
        for (InstanceReport r : reports) {
            planned.addAll(r.planned());
            applied.addAll(r.applied());
            failures.addAll(r.failures());
            findings.addAll(r.findings());
        }
        return new ReconcileReport(round.number(), round.trigger().source(), true, round.dryRun(), mode,
                round.startedAt(), finished, zonesListed, owned, List.copyOf(planned), List.copyOf(applied),
                List.copyOf(failures), List.copyOf(findings), round.problems(), List.copyOf(reports));
    }

    private static List<Change> forInstance(List<Change> changes, String key) {
        return changes.stream().filter(c -> c.instance().equals(key)).toList();
    }

    /** The records once the applied changes are in (versions of written records are unknown). */
    static List<CurrentRecord> afterApply(String ownerId, Map<ZoneRef, List<CurrentRecord>> listed,
            List<Change> applied) {
        Map<String, CurrentRecord> byKey = new LinkedHashMap<>();
        listed.values().stream().flatMap(List::stream)
                .forEach(r -> byKey.put(r.zone().id() + "|" + r.relativeName(), r));
        for (Change c : applied) {
            String k = c.zone().id() + "|" + c.relativeName();
            if (c.action() == Change.Action.DELETE) {
                byKey.remove(k);
            } else {
                Ownership o = Ownership.of(ownerId, c.instance());
                byKey.put(k, new CurrentRecord(c.zone(), c.relativeName(), c.ips(), c.ttl(), Optional.empty(),
                        Optional.of(o), o.toMetadata()));
            }
        }
        return List.copyOf(byKey.values());
    }
}
