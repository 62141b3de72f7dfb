package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.Samples;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Stopping;
import io.apimdnssync.reconcile.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the daemon does once it is stopping (a SIGTERM begins it; the container smoke test sends a real one): the
 * webhook answers 503 with Retry-After so that Event Grid delivers again later, and no zone's write batch begins.
 * A profile of its own: this application does not come back from stopping.
 */
@QuarkusTest
@TestProfile(StoppingTest.Own.class)
class StoppingTest extends SandboxTestBase {
    public static class Own implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.plan-min-interval", "58s");
        }
    }

    @Inject
    Stopping stopping;

    @Test
    void whileStoppingTheWebhookAnswers503AndNoZoneWriteBegins() throws Exception {
        sandbox.pass();
        String before = sandbox.primaryPrivate();
        assertEquals(List.of(before), sandbox.ips(GW, "@"));
        stopping.begin();

        io.restassured.RestAssured.given().contentType("application/json").queryParam("code", "test-secret")
                .body(Samples.writeSuccess(SandboxDriver.id("contoso"), Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(503).header("Retry-After", "10");
        assertTrue(Management.given().get("/q/metrics").asString()
                .contains("apim_dns_sync_events_total{outcome=\"webhook-stopping\",source=\"webhook\"} 1.0"));

        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        Instant changed = Instant.now();
        ReconcileReport r = queue.reconcile(SandboxDriver.CONTOSO, Trigger.of("test"), false).get(1,
                TimeUnit.MINUTES);
        assertTrue(r.instances().get(0).failures().stream().anyMatch(f -> f.contains("the daemon is shutting down")),
                r.instances().get(0).failures().toString());
        assertEquals(List.of(before), sandbox.ips(GW, "@"), "not written");
        assertEquals(List.of(), sandbox.writes().stream().filter(w -> w.at().isAfter(changed)).toList());
    }
}
