package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.Samples;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.LeadershipAccess;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replica that does not hold the Lease (what {@code LeaseElection} makes of it; the election itself is
 * LeaseElectionTest's): ready, saying it stands by; the webhook answers 503 so that Event Grid retries reach the
 * leader; nothing it is asked to reconcile is written; the leader gauge reads 0.
 */
@QuarkusTest
class StandbyReplicaTest extends SandboxTestBase {
    @Inject
    Leadership leadership;

    static String metrics() {
        return Management.given().get("/q/metrics").asString();
    }

    @Test
    void aStandbyIsReadyRefusesDeliveriesAndWritesNothing() {
        sandbox.pass();
        String before = sandbox.primaryPrivate();
        assertTrue(metrics().contains("apim_dns_sync_leader 1.0"), "the only replica leads");
        try {
            LeadershipAccess.follow(leadership);
            Management.given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'sources' }.data.role", equalTo("standby"));
            assertTrue(metrics().contains("apim_dns_sync_leader 0.0"));

            sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
            Instant changed = Instant.now();
            io.restassured.RestAssured.given().contentType("application/json").queryParam("code", "test-secret")
                    .body(Samples.writeSuccess(SandboxDriver.id("contoso"), Instant.now().toString()))
                    .post("/api/v1/events").then().statusCode(503).header("Retry-After", "5");
            assertTrue(
                    metrics().contains("apim_dns_sync_events_total{outcome=\"webhook-standby\",source=\"webhook\"}"));
            // Work asked of it directly is refused, and work that reaches its queue is dropped, not run.
            Management.given().post("/api/v1/instances/contoso/reconcile").then().statusCode(503)
                    .body("error", org.hamcrest.Matchers.containsString("does not lead"));
            queue.reconcile(SandboxDriver.CONTOSO, io.apimdnssync.reconcile.Trigger.of("test"), false);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> sandbox.writes().stream().noneMatch(w -> w.at().isAfter(changed)));
            assertEquals(List.of(before), sandbox.ips(GW, "@"));

            LeadershipAccess.lead(leadership); // the Lease is ours: Event Grid's retry is taken and written
            io.restassured.RestAssured.given().contentType("application/json").queryParam("code", "test-secret")
                    .body(Samples.writeSuccess(SandboxDriver.id("contoso"), Instant.now().toString()))
                    .post("/api/v1/events").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> !sandbox.ips(GW, "@").equals(List.of(before)));
        } finally {
            LeadershipAccess.lead(leadership);
        }
    }
}
