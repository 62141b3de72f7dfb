package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.ManagedScope;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.ChangeReason;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The end of a resync round: every zone read (each once per round; most already were by the round's items), the
 * owned records of instances the round did not see collected, their owners looked up, and the records of owners
 * that are gone (confirmed: see {@link GoneConfirmations}) planned for deletion together — so the guard weighs them
 * as one — and applied. An owner still in scope (missed by a failed list), or whose 404 is not yet confirmed, gets a
 * keyed item instead; one out of scope keeps its records, reported.
 */
@ApplicationScoped
public class OrphanSweep {
    private static final Logger LOG = Logger.getLogger(OrphanSweep.class);

    private final SyncConfig config;
    private final ApimSource source;
    private final DnsProviders providers;
    private final OwnedIndex index;
    private final ZoneLinks links;
    private final StatusStore status;
    private final PlanSteps steps;
    private final GoneCheck gone;
    private final jakarta.enterprise.event.Event<InstanceReport> reports;

    OrphanSweep(SyncConfig config, ApimSource source, DnsProviders providers, OwnedIndex index, ZoneLinks links,
            StatusStore status, PlanSteps steps, GoneCheck gone,
            jakarta.enterprise.event.Event<InstanceReport> reports) {
        this.config = config;
        this.source = source;
        this.providers = providers;
        this.index = index;
        this.links = links;
        this.status = status;
        this.steps = steps;
        this.gone = gone;
        this.reports = reports;
    }

    /**
     * What the sweep did: reports of the orphans' owners, findings, in-scope owners the round missed, and how the
     * zones' reads went.
     */
    record Result(List<InstanceReport> reports, List<Finding> findings, List<String> missed, int zonesRead,
            List<String> zoneErrors) {
    }

    /**
     * Reads every zone once for the round (most are in the round's listing already) and tells the index; once every
     * zone could be read, the index knows what this deployment owns.
     */
    ZoneReader.Listing listEveryZone(Round round) {
        List<ZoneRef> all = providers.zones();
        ZoneReader.Listing listing = steps.list(all, ownedNames(all), Priority.RESYNC, Optional.of(round.zones()));
        if (!round.dryRun()) {
            steps.learn(listing);
            index.retain(all);
            if (listing.findings().isEmpty()) {
                index.markComplete();
            }
        }
        return listing;
    }

    Result run(Round round) {
        List<ZoneRef> all = providers.zones();
        ZoneReader.Listing listing = listEveryZone(round);
        List<Finding> findings = new ArrayList<>(listing.findings());
        findings.addAll(links.shadowing(all, Priority.RESYNC));

        Map<String, InstanceRead> reads = new LinkedHashMap<>();
        List<String> missed = new ArrayList<>();
        List<String> lookups = new ArrayList<>();
        ManagedScope scope = config.scope();
        for (String owner : owners(listing, round.instances())) {
            Optional<ArmId> id = ArmId.parse(owner).filter(ArmId::isWellFormedApim);
            if (id.isEmpty() || !scope.mayManage(id.get())) {
                findings.add(Finding.of(Finding.Kind.OUT_OF_SCOPE, owner, "", "", "records owned by '" + owner
                        + "', which is not an APIM instance of the configured scope: left as they are"));
            } else {
                lookups.add(owner);
            }
        }
        List<InstanceRead> looked = steps.parallel().map(lookups, k -> source.get(ArmId.of(k), Priority.RESYNC));
        for (InstanceRead read : looked) {
            // Owners found here own records: they are known. A 200 here resets their 404 window too.
            InstanceRead r = gone.judge(read, Priority.RESYNC, round.dryRun(), true).read();
            String key = r.id().key();
            if (r.status() == InstanceRead.Status.FOUND && scope.manages(r.id(), r.snapshot().orElseThrow().tags())) {
                missed.add(key);
            } else if (r.status() == InstanceRead.Status.FOUND) {
                findings.add(Finding.of(Finding.Kind.OUT_OF_SCOPE, key, "", "", "the instance exists but is no "
                        + "longer configured or discovered; its records are left as they are"));
                if (!round.dryRun() && status.leftScope(key)) {
                    LOG.infof("instance %s left the configured scope; its records are left as they are", key);
                }
            } else if (r.status() == InstanceRead.Status.GONE_UNCONFIRMED) {
                // Its own work item holds the records and confirms the 404 (or not) when the window has passed.
                findings.add(Finding.of(Finding.Kind.HELD, key, "", "", "gone-unconfirmed: " + r.error()));
                missed.add(key);
            } else {
                reads.put(key, r);
            }
        }
        List<InstanceReport> reports = plan(round, all, listing, reads, findings);
        return new Result(reports, List.copyOf(findings), List.copyOf(missed), listing.records().size(),
                listing.findings().stream().map(Finding::message).toList());
    }

    /** Plans the orphans' owners together, guards, applies, reports. */
    private List<InstanceReport> plan(Round round, List<ZoneRef> all, ZoneReader.Listing listing,
            Map<String, InstanceRead> reads, List<Finding> findings) {
        if (reads.isEmpty()) {
            return List.of();
        }
        List<InstanceDesire> desires = reads.values().stream().map(r -> r.status() == InstanceRead.Status.GONE
                ? InstanceDesire.gone(r.id()) : InstanceDesire.hold(r.id(), r.error())).toList();
        Set<String> confirmed = new TreeSet<>();
        reads.values().stream().filter(r -> r.status() == InstanceRead.Status.GONE).forEach(r -> confirmed.add(
                r.id().key()));
        Plan plan = steps.guard(steps.plan(desires, all, listing), listing, confirmed, round.force(), round.dryRun());
        ConvergingApply.Result applied = steps.apply(plan, desires, all, Priority.RESYNC, round.dryRun());
        // The sweep deletes only for confirmed-gone owners.
        Map<ZoneRef, List<CurrentRecord>> records = steps.remember(listing, plan, applied, round.dryRun(),
                c -> ChangeReason.of(c, true, List.of(), Optional.empty()));
        List<Finding> planned = ReportBuilder.findings(plan, List.of(), applied.result(), List.of());
        findings.addAll(planned);
        List<InstanceReport> out = new ArrayList<>();
        for (InstanceDesire d : desires) {
            InstanceRead r = reads.get(d.instance().key());
            List<Finding> its = new ArrayList<>(InstanceReconciler.readFindings(r));
            findings.addAll(its);
            its.addAll(planned);
            InstanceReport report = ReportBuilder.instance(config.ownerId(), r, d, records, plan, applied.result(),
                    its, Instant.now());
            if (!round.dryRun()) {
                status.record(report);
                reports.fire(report);
            }
            out.add(report);
        }
        return out;
    }

    /** Owners of the owned records the round's instances do not account for. */
    private Set<String> owners(ZoneReader.Listing listing, Set<String> seen) {
        Set<String> out = new TreeSet<>();
        listing.records().values().forEach(rs -> rs.stream().filter(r -> r.ownedBy(config.ownerId()))
                .map(r -> r.owner().orElseThrow().instance()).filter(k -> !seen.contains(k)).forEach(out::add));
        return out;
    }

    /** For servers read per name: the names the index says this deployment owns there. */
    private Map<ZoneRef, Set<String>> ownedNames(List<ZoneRef> zones) {
        Map<ZoneRef, Set<String>> out = new HashMap<>();
        for (ZoneRef z : zones) {
            Set<String> names = new TreeSet<>();
            index.owners(z).forEach(o -> names.addAll(index.names(z, o)));
            out.put(z, names);
        }
        return out;
    }
}
