package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

/**
 * Drift episodes from the passes: a foreign record on a desired name is a conflict episode (open, health group drift
 * DOWN with the item) until it is gone; an out-of-band edit of an owned record opens and closes a wrong-address
 * episode in the pass that repairs it — one line each, never one per check. A profile of its own: the episodes start
 * empty.
 */
@QuarkusTest
@TestProfile(DriftTest.Fresh.class)
class DriftTest extends SandboxTestBase {
    public static class Fresh implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.plan-min-interval", "59s");
        }
    }

    @Test
    void episodesOpenAndCloseOnceAndTheDriftGroupTellsTheTruth() throws Exception {
        try (LogCapture log = new LogCapture("io.apimdnssync.drift")) {
            sandbox.pass();
            Management.given().get("/q/health/group/drift").then().statusCode(503)
                    .body("checks[0].data.open", equalTo(1))
                    .body("checks[0].data.item0", containsString("conflict portal.contoso.com"))
                    .body("checks[0].data.item0", containsString("actual [10.9.9.9]"));
            assertEquals(1, log.at(Level.WARN, "drift opened: conflict portal.contoso.com").size(),
                    log.lines.toString());
            Management.given().get("/q/health/ready").then().statusCode(200); // drift never affects readiness

            sandbox.pass(); // seen again: no new line
            assertEquals(1, log.at(Level.WARN, "drift opened").size(), log.lines.toString());

            String metadata = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(sandbox.metadata(GW, "@"));
            sandbox.putRecord(GW, "@", "{\"ips\":[\"10.66.66.66\"],\"metadata\":" + metadata + "}");
            queue.reconcile(CONTOSO, Trigger.of("test"), false).get(1, TimeUnit.MINUTES);
            assertEquals(1, log.at(Level.WARN, "drift opened: wrong-address contoso.azure-api.net").size(),
                    log.lines.toString());
            assertEquals(1, log.at(Level.INFO, "drift closed: wrong-address contoso.azure-api.net").size(),
                    log.lines.toString());
            assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));

            sandbox.sandbox().delete("/sandbox/zones/contoso.com/records/portal").then().statusCode(204);
            sandbox.pass();
            assertEquals(1, log.at(Level.INFO, "drift closed: conflict portal.contoso.com").size(),
                    log.lines.toString());
            Management.given().get("/q/health/group/drift").then().statusCode(200)
                    .body("checks[0].data.open", equalTo(0));
            String metrics = Management.given().get("/q/metrics").asString();
            assertTrue(metrics.contains("apim_dns_sync_drift_episodes_total{kind=\"conflict\"} 1.0")
                    && metrics.contains("apim_dns_sync_drift_episodes_total{kind=\"wrong-address\"} 1.0"), metrics);
        }
    }
}
