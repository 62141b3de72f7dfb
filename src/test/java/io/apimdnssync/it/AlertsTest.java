package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift alerts at two local HTTP receivers: one healthy, one answering 500 twice. Each gets exactly one "opened" and
 * one "closed" alert per episode; the failing one through retries, without holding the passes up; no URL is logged.
 */
@QuarkusTest
@TestProfile(AlertsTest.TwoWebhooks.class)
class AlertsTest extends SandboxTestBase {
    static final int OK_PORT = 18651;
    static final int FLAKY_PORT = 18652;

    public static class TwoWebhooks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "apim-dns-sync.alerts.webhooks[0].name", "receiver",
                    "apim-dns-sync.alerts.webhooks[0].url", "http://localhost:" + OK_PORT + "/alerts?key=s3cr3t",
                    "apim-dns-sync.alerts.webhooks[1].name", "flaky",
                    "apim-dns-sync.alerts.webhooks[1].url", "http://localhost:" + FLAKY_PORT + "/alerts?key=s3cr3t");
        }
    }

    final List<String> ok = new CopyOnWriteArrayList<>();
    final List<String> flaky = new CopyOnWriteArrayList<>();
    final AtomicInteger flakyCalls = new AtomicInteger();
    HttpServer okServer;
    HttpServer flakyServer;

    @BeforeEach
    void receivers() throws Exception {
        okServer = receiver(OK_PORT, body -> {
            ok.add(body);
            return 200;
        });
        flakyServer = receiver(FLAKY_PORT, body -> {
            if (flakyCalls.incrementAndGet() <= 2) {
                return 500;
            }
            flaky.add(body);
            return 204;
        });
    }

    @AfterEach
    void stop() {
        okServer.stop(0);
        flakyServer.stop(0);
    }

    interface Answer {
        int status(String body);
    }

    static long conflict(List<String> alerts, String what) {
        return alerts.stream().filter(a -> a.contains("\"type\":\"ApimDnsSync.Drift" + what + "\"")
                && a.contains("\"kind\":\"conflict\"")).count();
    }

    static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    static HttpServer receiver(int port, Answer answer) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        s.createContext("/alerts", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.status(body), -1);
            ex.close();
        });
        s.start();
        return s;
    }

    @Test
    void oneOpenedAndOneClosedAlertPerEpisodeRetriedWhereASinkFails() {
        try (LogCapture log = new LogCapture("io.apimdnssync")) {
            sandbox.pass(); // the seed's foreign record: a conflict episode opens
            await().atMost(Duration.ofSeconds(5)).until(() -> ok.size() == 1);
            assertTrue(ok.get(0).contains("\"type\":\"ApimDnsSync.DriftOpened\"")
                    && ok.get(0).contains("\"kind\":\"conflict\"") && ok.get(0).contains("portal.contoso.com"),
                    ok.get(0));
            // The pass has returned and the healthy sink has its alert, while the failing one waits for its retries
            // (1 s, then 2 s): a failing sink holds nothing up.
            assertTrue(flaky.isEmpty(), "delivered to the failing sink before its retries: " + flaky);
            await().atMost(Duration.ofSeconds(15)).until(() -> flaky.size() == 1); // after two 500s and backoff

            sandbox.pass(); // seen again: no alert
            sandbox.sandbox().delete("/sandbox/zones/contoso.com/records/portal").then().statusCode(204);
            sandbox.pass(); // resolved: the conflict closes (and our record, missing until now, is written)
            await().atMost(Duration.ofSeconds(15)).until(() -> conflict(ok, "Closed") == 1
                    && conflict(flaky, "Closed") == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> conflict(ok, "Opened") == 1
                    && conflict(ok, "Closed") == 1 && conflict(flaky, "Opened") == 1 && conflict(flaky, "Closed") == 1);
            assertEquals(ok.size(), flaky.size(), "every alert reached both: " + ok + " / " + flaky);
            assertEquals(2 + flaky.size(), flakyCalls.get(), "two failures, then one delivery per alert");
            assertTrue(log.lines.stream().noneMatch(l -> l.message().contains("s3cr3t")
                    || l.message().contains(String.valueOf(OK_PORT))), "no webhook URL in the log");
        }
        String metrics = Management.given().get("/q/metrics").asString();
        assertTrue(metrics.contains("apim_dns_sync_alerts_total{outcome=\"failed\",sink=\"flaky\"} 2.0"), metrics);
    }
}
