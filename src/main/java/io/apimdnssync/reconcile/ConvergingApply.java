package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.Planner;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.Parallel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Applies a plan zone by zone (zones in parallel) with optimistic concurrency: a change the provider calls stale (412,
 * a failed RFC 2136 prerequisite) makes that zone be re-read and its stale names re-planned, at most
 * {@code retries} times. One log line per change applied, one per change that failed.
 */
final class ConvergingApply {
    private static final Logger LOG = Logger.getLogger(ConvergingApply.class);

    /** What the apply did, and the zones it re-read on the way (fresher than the listing it started from). */
    record Result(ApplyResult result, Map<ZoneRef, List<CurrentRecord>> reread) {
    }

    private final Function<ZoneRef, DnsProvider> providers;
    private final Parallel parallel;
    private final int retries;
    private final BooleanSupplier stopping;

    ConvergingApply(Function<ZoneRef, DnsProvider> providers, Parallel parallel, int retries,
            BooleanSupplier stopping) {
        this.providers = providers;
        this.parallel = parallel;
        this.retries = retries;
        this.stopping = stopping;
    }

    Result apply(Plan plan, List<InstanceDesire> desires, List<ZoneRef> allZones, Planner.Options options,
            Priority priority) {
        Map<ZoneRef, List<Change>> byZone = plan.byZone();
        Map<ZoneRef, List<CurrentRecord>> reread = new HashMap<>();
        List<ApplyResult> results = parallel.map(List.copyOf(byZone.keySet()), zone -> {
            try {
                return applyZone(zone, byZone.get(zone), desires, allZones, options, priority, reread);
            } catch (RuntimeException e) {
                return ApplyResult.allFailed(byZone.get(zone), "writing zone " + zone.name() + " failed: " + e);
            }
        });
        ApplyResult total = results.stream().reduce(ApplyResult.empty(), ApplyResult::plus);
        total.failed().forEach(f -> LOG.warnf("%s", f.error()));
        synchronized (reread) {
            return new Result(total, Map.copyOf(reread));
        }
    }

    private ApplyResult applyZone(ZoneRef zone, List<Change> planned, List<InstanceDesire> desires,
            List<ZoneRef> allZones, Planner.Options options, Priority priority,
            Map<ZoneRef, List<CurrentRecord>> reread) {
        DnsProvider provider = providers.apply(zone);
        List<Change> changes = planned;
        ApplyResult total = ApplyResult.empty();
        for (int round = 0;; round++) {
            if (stopping.getAsBoolean()) {
                // Never half a zone's plan: a batch that has begun completes; once stopping, none begins.
                return total.plus(ApplyResult.allFailed(changes, "zone " + zone.name() + " not written: the daemon "
                        + "is shutting down or no longer leads (the leader's next round writes it)"));
            }
            ApplyResult r = provider.apply(zone, changes);
            total = total.plus(new ApplyResult(r.applied(), List.of(), r.failed()));
            if (r.stale().isEmpty()) {
                return total;
            }
            if (round >= retries) {
                int rounds = round;
                return total.plus(new ApplyResult(List.of(), List.of(), r.stale().stream()
                        .map(c -> new ApplyResult.Failed(c, c.action() + " " + c.fqdn() + ": the record kept "
                                + "changing under us (412 or a failed prerequisite); re-read " + rounds
                                + " times, the next retry tries again"))
                        .toList()));
            }
            Set<String> staleNames = new HashSet<>();
            Set<String> instances = new HashSet<>();
            r.stale().forEach(c -> {
                staleNames.add(c.relativeName());
                instances.add(c.instance());
            });
            List<CurrentRecord> fresh;
            try {
                Set<String> names = new HashSet<>();
                changes.forEach(c -> names.add(c.relativeName()));
                fresh = List.copyOf(provider.list(zone, names, priority));
            } catch (RuntimeException e) {
                return total.plus(ApplyResult.allFailed(r.stale(), "re-reading zone " + zone.name()
                        + " after a stale write failed: " + e.getMessage()));
            }
            synchronized (reread) {
                reread.put(zone, fresh);
            }
            List<InstanceDesire> again = desires.stream().filter(d -> instances.contains(d.instance().key())).toList();
            changes = Planner.plan(again, allZones, Map.of(zone, fresh), options).changes().stream()
                    .filter(c -> c.zone().equals(zone) && staleNames.contains(c.relativeName())).toList();
            if (changes.isEmpty()) {
                return total;
            }
        }
    }
}
