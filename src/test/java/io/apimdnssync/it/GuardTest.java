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

    @Test
    void theShareHoldsAcrossTheItemsOfARound() {
        sandbox.addInternalInstance("fabrikam", "10.7.0.4", "20.7.0.4");
        sandbox.pass(); // contoso owns 8 records, fabrikam 5
        String fewerNames = "{\"properties\":{\"portalUrl\":null,\"developerPortalUrl\":null,"
                + "\"managementApiUrl\":null,\"scmUrl\":null}}";
        sandbox.patchService("contoso", fewerNames);
        sandbox.patchService("fabrikam", fewerNames);
        sandbox.log().clear();
        ReconcileReport round = sandbox.pass(); // 4 deletions each: 8 of 13, more than half
        long deletes = sandbox.writes().stream().filter(e -> e.method().equals("DELETE")).count();
        assertEquals(4, deletes, "the first item's 4 deletions pass (4 of 13), the second's are refused (8 of 13)");
        assertTrue(round.guardTripped(), round.findings().toString());
        assertTrue(round.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.GUARD
                && f.message().contains("(4 already deleted this round)")), round.findings().toString());

        ReconcileReport forced = sandbox.pass(true);
        assertEquals(4, forced.applied().size(), forced.applied().toString());
        assertTrue(sandbox.zones().getMap("'fabrikam.scm.azure-api.net'").isEmpty());
        assertTrue(sandbox.zones().getMap("'contoso.scm.azure-api.net'").isEmpty());
    }
}
