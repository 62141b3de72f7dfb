package io.apimdnssync.api;

import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.source.InstanceSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The JSON shape of one instance in the status API. */
public record InstanceView(
        String id,
        String name,
        String read,
        String error,
        Optional<String> provisioningState,
        Optional<String> virtualNetworkType,
        Optional<Instant> updatingSince,
        String verdict,
        String reason,
        Optional<InstanceSnapshot> snapshot,
        List<DesiredRecord> desired,
        Map<String, List<RecordView>> actual,
        List<String> planned,
        List<String> applied,
        List<String> failures,
        List<Finding> conflicts,
        List<Finding> unplaced,
        List<Finding> findings,
        Instant lastReconciled) {

    public record RecordView(String name, String fqdn, List<String> ips, long ttl) {
    }

    public record Summary(String id, String name, String read, Optional<String> provisioningState,
            Optional<String> virtualNetworkType, String verdict, int desired, int planned, int conflicts,
            int unplaced, int errors, Instant lastReconciled) {
    }

    static InstanceView of(InstanceReport r, Optional<Instant> updatingSince) {
        Optional<InstanceSnapshot> s = r.read().snapshot();
        Map<String, List<RecordView>> actual = r.actual().stream().collect(Collectors.groupingBy(c -> c.zone().name(),
                java.util.TreeMap::new, Collectors.mapping(InstanceView::record, Collectors.toList())));
        return new InstanceView(r.read().id().path(), s.map(InstanceSnapshot::name).orElse(r.read().id().name()),
                WireNames.of(r.read().status()), r.read().error(), s.map(InstanceSnapshot::provisioningState),
                s.map(InstanceSnapshot::virtualNetworkType), updatingSince,
                WireNames.of(r.desire().verdict()), r.desire().reason(), s, r.desire().records(), actual,
                r.planned().stream().map(Change::toString).toList(),
                r.applied().stream().map(Change::toString).toList(),
                r.failures(), of(r, Finding.Kind.CONFLICT), of(r, Finding.Kind.UNPLACED), r.findings(), r.at());
    }

    static Summary summary(InstanceReport r) {
        Optional<InstanceSnapshot> s = r.read().snapshot();
        return new Summary(r.read().id().path(), s.map(InstanceSnapshot::name).orElse(r.read().id().name()),
                WireNames.of(r.read().status()), s.map(InstanceSnapshot::provisioningState),
                s.map(InstanceSnapshot::virtualNetworkType), WireNames.of(r.desire().verdict()),
                r.desire().records().size(), r.planned().size(), of(r, Finding.Kind.CONFLICT).size(),
                of(r, Finding.Kind.UNPLACED).size(), r.failures().size() + of(r, Finding.Kind.INSTANCE_ERROR).size(),
                r.at());
    }

    private static List<Finding> of(InstanceReport r, Finding.Kind kind) {
        return r.findings().stream().filter(f -> f.kind() == kind).toList();
    }

    private static RecordView record(CurrentRecord c) {
        return new RecordView(c.relativeName(), c.fqdn(), c.ips(), c.ttl());
    }
}
