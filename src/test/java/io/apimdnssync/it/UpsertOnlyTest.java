package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PolicyProfiles.UpsertOnly.class)
class UpsertOnlyTest extends SandboxTestBase {
    @Test
    void deletedInstanceKeepsItsRecords() {
        sandbox.pass();
        sandbox.deleteService("contoso");
        sandbox.log().clear();
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of(), sandbox.writes());
        assertEquals(List.of("10.1.0.10"), sandbox.ips(SandboxTestBase.GW, "@"));
        assertEquals(8, r.findings().stream().filter(f -> f.kind() == Finding.Kind.KEPT).count());
    }
}
