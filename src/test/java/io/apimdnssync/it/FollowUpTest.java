package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.sandbox.RequestLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue's own follow-ups: polling an instance mid-update, and exponential backoff of a failing one. */
@QuarkusTest
@TestProfile(FollowUpTest.Fast.class)
class FollowUpTest extends SandboxTestBase {

    public static class Fast implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.update-poll-interval", "200ms",
                    "apim-dns-sync.reconcile.backoff-initial", "300ms",
                    "apim-dns-sync.reconcile.backoff-max", "2s",
                    "apim-dns-sync.azure.max-retries", "0");
        }
    }

    @Inject
    StatusStore status;

    @Test
    void anInstanceMidUpdateIsPolledAndReconciledWhenItEnds() throws Exception {
        sandbox.pass();
        long op = sandbox.operation("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\",\"3\"],\"delaySeconds\":1}");
        queue.reconcile(CONTOSO, io.apimdnssync.reconcile.Trigger.of("test"), false).get();
        assertTrue(status.updatingSince(CONTOSO).isPresent(), "the status shows the update in progress");
        io.restassured.RestAssured.given().get("/api/v1/instances/contoso").then().statusCode(200)
                .body("provisioningState", org.hamcrest.Matchers.equalTo("Updating"))
                .body("updatingSince", org.hamcrest.Matchers.notNullValue())
                .body("verdict", org.hamcrest.Matchers.equalTo("hold"));
        sandbox.awaitCompleted(op);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        await().atMost(Duration.ofSeconds(5)).until(() -> status.updatingSince(CONTOSO).isEmpty());
    }

    @Test
    void aFailingInstanceIsRetriedWithBackoffUntilItRecovers() throws Exception {
        sandbox.fault(
                "{\"kind\":\"status\",\"status\":500,\"method\":\"GET\",\"path\":\".*/service/contoso\",\"count\":3}");
        queue.reconcile(CONTOSO, io.apimdnssync.reconcile.Trigger.of("test"), false).get();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@")));
        List<RequestLog.Entry> gets = sandbox.log().matching(e -> e.method().equals("GET")
                && e.pathMatches(".*/service/contoso"));
        assertEquals(List.of(500, 500, 500, 200), gets.stream().map(RequestLog.Entry::status).toList().subList(0, 4));
        Duration first = Duration.between(gets.get(0).at(), gets.get(1).at());
        Duration second = Duration.between(gets.get(1).at(), gets.get(2).at());
        assertTrue(first.toMillis() >= 300, "first retry after the initial backoff: " + first);
        assertTrue(second.toMillis() >= 600, "the backoff doubles: " + second);
    }
}
