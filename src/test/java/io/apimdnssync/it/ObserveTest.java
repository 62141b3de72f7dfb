package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PolicyProfiles.Observe.class)
class ObserveTest extends SandboxTestBase {
    @Test
    void plansAndReportsButNeverWrites() {
        ReconcileReport r = sandbox.pass();
        assertEquals(8, r.planned().size());
        assertEquals(List.of(), r.applied());
        assertEquals(List.of(), sandbox.writes());
        assertTrue(sandbox.zones().getMap("'" + SandboxTestBase.GW + "'").isEmpty());
        assertEquals(io.apimdnssync.config.Mode.OBSERVE, r.mode());
    }
}
