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
        // Long enough that the item below reads the instance mid-update even when this test is the first to use
        // RestAssured (its first JSON parse alone took 1.5 s on a loaded 2-core machine).
        long op = sandbox.operation("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\",\"3\"],\"delaySeconds\":3}");
        queue.reconcile(CONTOSO, io.apimdnssync.reconcile.Trigger.of("test"), false).get();
        assertTrue(status.updatingSince(CONTOSO).isPresent(), "the status shows the update in progress");
        Management.given().get("/api/v1/instances/contoso").then().statusCode(200)
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
        // Five failed reads: the retries wait 300 ms, 600 ms, 1.2 s, then the 2 s cap (2.4 s and 4.8 s uncapped).
        List<Long> backoffMs = List.of(300L, 600L, 1200L, 2000L, 2000L);
        sandbox.fault(
                "{\"kind\":\"status\",\"status\":500,\"method\":\"GET\",\"path\":\".*/service/contoso\",\"count\":"
                        + backoffMs.size() + "}");
        queue.reconcile(CONTOSO, io.apimdnssync.reconcile.Trigger.of("test"), false).get();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@")));
        List<RequestLog.Entry> gets = contosoGets();
        assertEquals(List.of(500, 500, 500, 500, 500, 200), gets.stream().map(RequestLog.Entry::status).toList(),
                "one read per retry, and the first success ends the chain");
        List<Long> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < gets.size(); i++) {
            gaps.add(Duration.between(gets.get(i - 1).at(), gets.get(i).at()).toMillis());
        }
        // Each gap is at least its backoff (a timer never fires early) and at most that plus 10 % jitter plus the
        // items' own work (the slack, for a loaded machine). The first also carries the one-off costs of the first
        // failure (half a second seen), so only the cap bounds it.
        long slack = 500;
        for (int i = 0; i < gaps.size(); i++) {
            long backoff = backoffMs.get(i);
            long atMost = i == 0 ? 2000 + 200 + slack : backoff + backoff / 10 + slack;
            assertTrue(gaps.get(i) >= backoff && gaps.get(i) <= atMost,
                    "retry " + (i + 1) + " after " + backoff + " ms (+10 % jitter), at most " + atMost + " ms: "
                            + gaps);
        }
        for (int i = 2; i < 4; i++) {
            assertTrue(gaps.get(i) > gaps.get(i - 1), "the gaps grow until the cap: " + gaps);
        }
        assertTrue(gaps.stream().allMatch(g -> g <= 2000 + 200 + slack), "never beyond the 2 s cap (+10 %): " + gaps);
        // Recovered: no retry is left over, so nothing reads the instance again (longer than a capped retry's wait).
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(gets.size(), contosoGets().size(), "no read after the recovery"));
    }

    private List<RequestLog.Entry> contosoGets() {
        return sandbox.log().matching(e -> e.method().equals("GET") && e.pathMatches(".*/service/contoso"));
    }
}
