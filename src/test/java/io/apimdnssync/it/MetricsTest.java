package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.Samples;
import io.apimdnssync.reconcile.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Prometheus text on the management port's /q/metrics, with the names the README documents. */
@QuarkusTest
class MetricsTest extends SandboxTestBase {
    static final List<String> NAMES = List.of(
            "apim_dns_sync_stale_window_seconds_bucket{le=\"1.0\"}",
            "apim_dns_sync_stale_window_seconds_bucket{le=\"300.0\"}",
            "apim_dns_sync_record_changes_total{action=\"create\",reason=\"new-name\",target=\"azure-private-dns\"}",
            "apim_dns_sync_record_changes_total{action=\"update\",reason=\"vip-change\",target=\"azure-private-dns\"}",
            "apim_dns_sync_pass_duration_seconds_count{trigger=\"test\"}",
            "apim_dns_sync_pass_duration_seconds_count{trigger=\"webhook\"}",
            "apim_dns_sync_pass_failures_total{kind=\"zone-read\"}",
            "apim_dns_sync_last_successful_pass_timestamp_seconds{instance=\"contoso\"}",
            "apim_dns_sync_arm_requests_total{operation=\"read\",status=\"200\"}",
            "apim_dns_sync_arm_requests_total{operation=\"read\",status=\"500\"}",
            "apim_dns_sync_arm_requests_total{operation=\"write\",status=\"201\"}",
            "apim_dns_sync_events_total{outcome=\"relevant\",source=\"any\"}",
            "apim_dns_sync_events_total{outcome=\"webhook-events\",source=\"webhook\"}",
            "apim_dns_sync_instances{network_mode=\"internal\",state=\"found\"}",
            "apim_dns_sync_updates_in_progress",
            "apim_dns_sync_drift_episodes_total{kind=\"conflict\"}",
            "apim_dns_sync_drift_items{kind=\"conflict\",target=\"azure-private-dns\"}");

    @Test
    void everyDocumentedNameIsExported() throws Exception {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        io.restassured.RestAssured.given().contentType("application/json").queryParam("code", "test-secret")
                .body(Samples.writeSuccess(SandboxDriver.id("contoso"), Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> sandbox.ips(GW, "@").equals(List.of(sandbox.primaryPrivate())));
        sandbox.fault("{\"kind\":\"status\",\"status\":500,\"method\":\"GET\","
                + "\"path\":\".*/privatednszones/contoso.scm.azure-api.net/a\",\"count\":-1}");
        queue.reconcile(CONTOSO, Trigger.of("test"), false).get(1, TimeUnit.MINUTES);
        sandbox.sandbox().delete("/sandbox/faults").then().statusCode(204);

        String text = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : NAMES) {
            assertTrue(text.contains(name), name + " is not exported:\n" + grep(text));
        }
        // Every name of the README's metric table. Meters of parts this profile does not configure are checked where
        // they exist: the alert sinks' in AlertSinksTest, the RFC 2136 servers' in Rfc2136Test.
        List<String> documented = java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md")).stream()
                .map(l -> java.util.regex.Pattern.compile("^\\| `(apim_dns_sync_[a-z_]+)`").matcher(l))
                .filter(java.util.regex.Matcher::find).map(m -> m.group(1))
                .filter(n -> !n.startsWith("apim_dns_sync_alerts_") && !n.equals("apim_dns_sync_dns_updates_total"))
                .toList();
        assertTrue(documented.size() >= 16, "the README's metric table: " + documented);
        for (String name : documented) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(name)), name + " is not exported:\n" + grep(text));
        }
        // Health and metrics are not on the public port.
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(404);
    }

    private static String grep(String text) {
        return String.join("\n", text.lines().filter(l -> l.startsWith("apim_dns_sync")).toList());
    }
}
