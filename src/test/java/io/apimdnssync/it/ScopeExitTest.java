package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.ChangeWatch;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.StatusStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

/**
 * An instance whose tags stop matching the discovery selector is dropped from the status and the change watch,
 * reported once, and its records are left as they are.
 */
@QuarkusTest
@TestProfile(ScopeExitTest.TagSelector.class)
class ScopeExitTest extends SandboxTestBase {

    public static class TagSelector implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.instances.discovery[0].tags.env", "demo");
        }
    }

    @Inject
    ChangeWatch watch;
    @Inject
    StatusStore status;

    @Test
    void anInstanceThatLeavesTheScopeIsForgottenOnceAndItsRecordsAreKept() {
        sandbox.pass();
        assertTrue(status.instance(CONTOSO).isPresent());
        sandbox.patchService("contoso", "{\"tags\":{\"env\":\"retired\"}}");
        try (LogCapture log = new LogCapture("io.apimdnssync")) {
            assertEquals(Set.of(CONTOSO), watch.check(), "gone from the tag-filtered list: looked at once");
            await().atMost(Duration.ofSeconds(10)).until(() -> status.instance(CONTOSO).isEmpty());

            sandbox.log().clear();
            assertEquals(Set.of(), watch.check(), "the next watch round leaves it alone");
            ReconcileReport round = sandbox.pass();
            assertTrue(round.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.OUT_OF_SCOPE
                    && f.instance().equals(CONTOSO)), round.findings().toString());
            assertTrue(status.instance(CONTOSO).isEmpty(), "not shown with its old state");
            assertEquals(List.of(), sandbox.writes(), "its records are left as they are");
            assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
            assertEquals(1, log.at(Level.INFO, "configured scope").size(), "reported once: " + log.lines);
        }
    }
}
