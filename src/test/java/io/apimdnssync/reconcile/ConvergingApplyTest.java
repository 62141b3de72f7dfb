package io.apimdnssync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.Policy;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.Plan;
import io.apimdnssync.plan.Planner;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.Parallel;
import io.apimdnssync.source.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConvergingApplyTest {
    static final ArmId A = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a");
    static final Planner.Options OPTIONS = new Planner.Options(FakeProvider.OWNER, Policy.SYNC, 300);

    final FakeProvider dns = new FakeProvider("fake", true);
    final ZoneRef gw = dns.zone("a.azure-api.net");
    final ZoneRef customer = dns.zone("contoso.com");

    volatile boolean stopping;

    ConvergingApply applier(int retries) {
        return new ConvergingApply(z -> dns, new Parallel(Runnable::run, 1), retries, () -> stopping);
    }

    static InstanceDesire desire(String ip, String... names) {
        return InstanceDesire.publish(A, java.util.Arrays.stream(names)
                .map(n -> new DesiredRecord(n, List.of(ip), Endpoint.CUSTOM)).toList(), "test");
    }

    Plan plan(InstanceDesire d) {
        Map<ZoneRef, List<io.apimdnssync.plan.CurrentRecord>> listed = Map.of(gw, dns.list(gw, java.util.Set.of(),
                Priority.KEYED), customer, dns.list(customer, java.util.Set.of(), Priority.KEYED));
        return Planner.plan(List.of(d), dns.zones(), listed, OPTIONS);
    }

    @Test
    void appliesEveryZonesChanges() {
        dns.put(gw, "@", List.of("10.0.0.1"), Optional.of(A.key()));
        dns.put(customer, "old", List.of("10.0.0.1"), Optional.of(A.key()));
        InstanceDesire d = desire("10.0.0.2", "a.azure-api.net", "api.contoso.com");
        ConvergingApply.Result r = applier(3).apply(plan(d), List.of(d), dns.zones(), OPTIONS, Priority.KEYED);
        assertEquals(3, r.result().applied().size());
        assertEquals(List.of(), r.result().failed());
        assertEquals(List.of("10.0.0.2"), dns.ips(gw, "@"));
        assertEquals(List.of("10.0.0.2"), dns.ips(customer, "api"));
        assertEquals(List.of(), dns.ips(customer, "old"));
        assertEquals(Map.of(), r.reread(), "nothing was stale: no zone re-read");
    }

    @Test
    void onceStoppingNoZoneBatchBeginsAndNothingIsHalfWritten() {
        dns.put(gw, "@", List.of("10.0.0.1"), Optional.of(A.key()));
        InstanceDesire d = desire("10.0.0.2", "a.azure-api.net", "api.contoso.com");
        stopping = true;
        ConvergingApply.Result r = applier(3).apply(plan(d), List.of(d), dns.zones(), OPTIONS, Priority.KEYED);
        assertEquals(List.of(), r.result().applied());
        assertEquals(2, r.result().failed().size());
        assertTrue(r.result().failed().stream().allMatch(f -> f.error().contains("the daemon is shutting down")));
        assertEquals(List.of("10.0.0.1"), dns.ips(gw, "@"), "untouched");
        assertEquals(List.of(), dns.ips(customer, "api"), "untouched");
    }

    @Test
    void aRecordChangedBetweenReadAndWriteIsReReadAndReplanned() {
        dns.put(gw, "@", List.of("10.0.0.1"), Optional.of(A.key()));
        InstanceDesire d = desire("10.0.0.3", "a.azure-api.net");
        Plan p = plan(d);
        dns.put(gw, "@", List.of("10.0.0.2"), Optional.of(A.key())); // another writer got there first: new version
        ConvergingApply.Result r = applier(3).apply(p, List.of(d), dns.zones(), OPTIONS, Priority.KEYED);
        assertEquals(List.of("10.0.0.3"), dns.ips(gw, "@"));
        assertEquals(1, r.result().applied().size());
        assertEquals("10.0.0.2", r.result().applied().get(0).before().orElseThrow().ips().get(0),
                "the write that went through was planned on the re-read record");
        assertEquals(List.of("10.0.0.2"), r.reread().get(gw).get(0).ips(), "the re-read zone is returned");
        assertEquals(2, dns.writes.size());
    }

    @Test
    void aNameTakenByAForeignRecordMeanwhileIsLeftAlone() {
        InstanceDesire d = desire("10.0.0.3", "api.contoso.com");
        Plan p = plan(d);
        dns.put(customer, "api", List.of("192.0.2.1"), Optional.empty());
        ConvergingApply.Result r = applier(3).apply(p, List.of(d), dns.zones(), OPTIONS, Priority.KEYED);
        assertEquals(List.of("192.0.2.1"), dns.ips(customer, "api"), "not clobbered");
        assertEquals(List.of(), r.result().applied());
        assertEquals(List.of(), r.result().failed(), "the re-plan finds a conflict, which is not a failed write");
    }

    @Test
    void aRecordThatKeepsChangingGivesUpAfterTheRetries() {
        dns.put(gw, "@", List.of("10.0.0.1"), Optional.of(A.key()));
        InstanceDesire d = desire("10.0.0.3", "a.azure-api.net");
        Plan p = plan(d);
        dns.beforeWrite = c -> dns.put(gw, "@", List.of("10.9.9.9"), Optional.of(A.key()));
        ConvergingApply.Result r = applier(2).apply(p, List.of(d), dns.zones(), OPTIONS, Priority.KEYED);
        assertEquals(3, dns.writes.size(), "the first write and two re-planned ones");
        assertEquals(1, r.result().failed().size());
        assertTrue(r.result().failed().get(0).error().contains("kept changing under us")
                && r.result().failed().get(0).error().contains("re-read 2 times"), r.result().failed().toString());
    }

    @Test
    void oneFailingWriteDoesNotStopTheOthers() {
        dns.failingNames.add("api");
        InstanceDesire d = desire("10.0.0.3", "a.azure-api.net", "api.contoso.com", "www.contoso.com");
        ConvergingApply.Result r = applier(3).apply(plan(d), List.of(d), dns.zones(), OPTIONS, Priority.KEYED);
        assertEquals(2, r.result().applied().size());
        assertEquals(1, r.result().failed().size());
        assertEquals(Change.Action.CREATE, r.result().failed().get(0).change().action());
        assertTrue(r.result().failed().get(0).error().contains("HTTP 500"));
        assertEquals(List.of("10.0.0.3"), dns.ips(customer, "www"));
    }
}
