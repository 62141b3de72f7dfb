package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PolicyProfiles.RemoveWhenNotInternal.class)
class RemoveWhenNotInternalTest extends SandboxTestBase {
    @Test
    void vnetDisabledRemovesTheRecords() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"disable-vnet\",\"delaySeconds\":0.2}");
        ReconcileReport r = sandbox.pass();
        assertEquals(8, r.applied().size());
        assertTrue(sandbox.zones().getMap("'" + SandboxTestBase.GW + "'").isEmpty());
        assertEquals(List.of("10.9.9.9"), sandbox.ips("contoso.com", "portal"));
    }
}
