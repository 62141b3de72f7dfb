package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

/**
 * A first round in which every list is refused (throttled or forbidden) leaves the daemon not ready, says why at
 * WARN and in readiness, and is retried with backoff until it completes.
 */
@QuarkusTest
@TestProfile(FirstRoundFailureTest.FastRetry.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FirstRoundFailureTest extends SandboxTestBase {

    public static class FastRetry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.backoff-initial", "500ms",
                    "apim-dns-sync.reconcile.backoff-max", "1s", "apim-dns-sync.azure.max-retries", "0");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aFailedFirstRoundIsReportedAndRetriedUntilItCompletes() {
        Management.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'sources' }.data.reason", containsString("has not finished"));
        sandbox.fault("{\"kind\":\"status\",\"status\":403,\"method\":\"GET\","
                + "\"path\":\".*/providers/microsoft.apimanagement/service\",\"count\":-1}");
        sandbox.fault("{\"kind\":\"status\",\"status\":403,\"method\":\"GET\","
                + "\"path\":\".*/providers/microsoft.network/privatednszones\",\"count\":-1}");

        try (LogCapture log = new LogCapture("io.apimdnssync")) {
            ReconcileReport failed = sandbox.pass();
            assertFalse(failed.complete());
            assertEquals(2, failed.problems().size(), failed.problems().toString());
            assertTrue(failed.problems().stream().allMatch(p -> p.contains("HTTP 403")), failed.problems().toString());
            Management.given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'sources' }.data.reason", containsString("HTTP 403"))
                    .body("checks.find { it.name == 'sources' }.data.lastRoundComplete", equalTo(false));
            List<String> warned = log.at(Level.ERROR, "is incomplete and could not read its sources");
            assertEquals(1, warned.size(), log.lines.toString());
            assertTrue(warned.get(0).contains("HTTP 403") && warned.get(0).endsWith("retry in 500 ms"), warned.get(0));

            await().atMost(Duration.ofSeconds(10)).until(() -> log.at(Level.ERROR, "is incomplete").size() >= 2);
            sandbox.sandbox().delete("/sandbox/faults").then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Management.given().get("/q/health/ready").then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'sources' }.data.lastRoundComplete", equalTo(true)));
        }
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"), "the retried round did the work");
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aLaterRoundThatReadsNothingIsNotReadyAndARecoveryIs() {
        sandbox.pass();
        Management.given().get("/q/health/ready").then().statusCode(200);
        sandbox.fault("{\"kind\":\"status\",\"status\":403,\"method\":\"GET\",\"path\":\".*\",\"count\":-1}");
        ReconcileReport failed = sandbox.pass();
        assertFalse(failed.complete());
        Management.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'sources' }.data.reason", containsString("none of its sources"))
                .body("checks.find { it.name == 'sources' }.data.reason", containsString("HTTP 403"));
        sandbox.sandbox().delete("/sandbox/faults").then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Management.given().get("/q/health/ready").then()
                .statusCode(200));
    }
}
