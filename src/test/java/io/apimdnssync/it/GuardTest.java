package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(PolicyProfiles.Guarded.class)
class GuardTest extends SandboxTestBase {
    @Test
    void massDeletionIsRefusedUntilForced() {
        sandbox.pass();
        sandbox.deleteService("contoso");
        sandbox.log().clear();
        ReconcileReport refused = sandbox.pass();
        assertTrue(refused.guardTripped());
        assertEquals(List.of(), sandbox.writes());
        assertEquals(List.of("10.1.0.10"), sandbox.ips(SandboxTestBase.GW, "@"));
        assertTrue(refused.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.GUARD
                && f.message().contains("refused to delete 8 of 8")), refused.findings().toString());

        ReconcileReport forced = sandbox.pass(true);
        assertFalse(forced.guardTripped());
        assertEquals(8, forced.applied().size());
        assertTrue(sandbox.zones().getMap("'" + SandboxTestBase.GW + "'").isEmpty());
    }

    @Test
    void smallDeletionsPass() {
        sandbox.pass();
        sandbox.patchService("contoso", "{\"properties\":{\"scmUrl\":null}}");
        ReconcileReport r = sandbox.pass();
        assertFalse(r.guardTripped());
        assertEquals(1, r.applied().size());
        assertTrue(sandbox.zones().getMap("'contoso.scm.azure-api.net'").isEmpty());
    }
}
