package io.apimdnssync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Mode;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.source.InstanceRead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    static final ArmId A = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a");
    static final ArmId B = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/b");

    final FakeProvider dns = new FakeProvider("fake", true);
    final ZoneRef zone = dns.zone("contoso.com");

    @Test
    void anInstancesActualRecordsAreItsOwnAsTheyAreOnceTheWritesAreIn() {
        CurrentRecord kept = dns.put(zone, "kept", List.of("10.0.0.1"), Optional.of(A.key()));
        CurrentRecord gone = dns.put(zone, "gone", List.of("10.0.0.1"), Optional.of(A.key()));
        CurrentRecord updated = dns.put(zone, "upd", List.of("10.0.0.1"), Optional.of(A.key()));
        dns.put(zone, "theirs", List.of("10.0.0.9"), Optional.of(B.key()));
        dns.put(zone, "foreign", List.of("10.0.0.8"), Optional.empty());
        Map<ZoneRef, List<CurrentRecord>> listed = Map.of(zone, List.copyOf(dns.zones.get(zone).values()));
        List<Change> applied = List.of(
                new Change(Change.Action.DELETE, zone, "gone", A.key(), List.of(), 0, Optional.of(gone)),
                new Change(Change.Action.UPDATE, zone, "upd", A.key(), List.of("10.0.0.2"), 300, Optional.of(updated)),
                new Change(Change.Action.CREATE, zone, "new", A.key(), List.of("10.0.0.2"), 300, Optional.empty()));
        List<Change> failed = List.of(new Change(Change.Action.CREATE, zone, "bad", A.key(), List.of("10.0.0.2"), 300,
                Optional.empty()));
        ApplyResult result = new ApplyResult(applied, List.of(),
                List.of(new ApplyResult.Failed(failed.get(0), "CREATE bad.contoso.com failed: HTTP 500")));
        Plan plan = new Plan(List.of(applied.get(0), applied.get(1), applied.get(2), failed.get(0)), List.of());
        InstanceReport r = ReportBuilder.instance(FakeProvider.OWNER, InstanceRead.gone(A),
                InstanceDesire.gone(A), listed, plan, result, ReportBuilder.findings(plan, List.of(), result,
                        List.of()),
                Instant.EPOCH);

        assertEquals(List.of("kept", "upd", "new"), r.actual().stream().map(CurrentRecord::relativeName).toList());
        assertEquals(List.of("10.0.0.2"), r.actual().get(1).ips());
        assertEquals(Optional.empty(), r.actual().get(1).version(), "the version of a written record is unknown");
        assertEquals(kept, r.actual().get(0));
        assertEquals(4, r.planned().size());
        assertEquals(3, r.applied().size());
        assertEquals(List.of("CREATE bad.contoso.com failed: HTTP 500"), r.failures());
        assertEquals(1, r.findings().size());
        assertEquals(Finding.Kind.APPLY_ERROR, r.findings().get(0).kind());
        assertEquals("bad.contoso.com", r.findings().get(0).name());
        assertFalse(r.healthy());
    }

    @Test
    void aRoundAddsUpItsItemsAndIsIncompleteWithAProblem() {
        Round round = new Round(7, Trigger.of("resync"), false, false, Instant.EPOCH);
        Finding shared = Finding.in(zone, Finding.Kind.ZONE_UNAVAILABLE, "", "", "zone contoso.com: HTTP 503");
        Change c1 = new Change(Change.Action.CREATE, zone, "a", A.key(), List.of("10.0.0.1"), 300, Optional.empty());
        Change c2 = new Change(Change.Action.CREATE, zone, "b", B.key(), List.of("10.0.0.2"), 300, Optional.empty());
        InstanceReport a = new InstanceReport(A.key(), InstanceRead.gone(A), InstanceDesire.gone(A), List.of(),
                List.of(c1), List.of(c1), List.of(), List.of(shared), Instant.EPOCH);
        InstanceReport b = new InstanceReport(B.key(), InstanceRead.gone(B), InstanceDesire.gone(B), List.of(),
                List.of(c2), List.of(), List.of("CREATE b failed"), List.of(shared), Instant.EPOCH);
        ReconcileReport complete = ReportBuilder.round(round, Mode.ENFORCE, Instant.EPOCH.plusSeconds(1), 3, 2,
                List.of(a, b), List.of());
        assertEquals(7, complete.pass());
        assertTrue(complete.full());
        assertEquals(List.of(c1, c2), complete.planned());
        assertEquals(List.of(c1), complete.applied());
        assertEquals(List.of("CREATE b failed"), complete.failures());
        assertEquals(List.of(shared), complete.findings(), "a finding two items share is listed once");
        assertTrue(complete.complete());

        round.problem("list APIM services in subscription s failed: HTTP 403");
        ReconcileReport incomplete = ReportBuilder.round(round, Mode.ENFORCE, Instant.EPOCH, 3, 2, List.of(),
                List.of());
        assertFalse(incomplete.complete());
        assertEquals(List.of("list APIM services in subscription s failed: HTTP 403"), incomplete.problems());
    }

    @Test
    void aWorkItemThatBrokeIsReportedFailedForItsInstance() {
        InstanceReport r = ReportBuilder.failed(A.key(), new IllegalStateException("bug"));
        assertEquals(A.key(), r.instance());
        assertEquals(InstanceRead.Status.FAILED, r.read().status());
        assertEquals(InstanceDesire.Verdict.HOLD, r.desire().verdict());
        assertTrue(r.failures().get(0).contains("IllegalStateException: bug"));
        assertFalse(r.healthy());
    }
}
