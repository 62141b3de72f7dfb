package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of sink at once: Teams and Slack message formats, a generic webhook that can be made to hang past the
 * timeout, and two Event Grid topics — one with an access key, one with an Entra ID token (the sandbox's dummy
 * credential stands in for the managed identity) — on a local HTTPS endpoint, since the SDK sends neither over plain
 * http. The HTTPS server uses the sandbox's test certificate, which the test JVM trusts.
 */
@QuarkusTest
@TestProfile(AlertSinksTest.AllSinks.class)
class AlertSinksTest extends SandboxTestBase {
    static final int HTTP = 18655;
    static final int HTTPS = 18656;
    static final String KEY = "eg-access-key-s3cr3t";

    public static class AllSinks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("apim-dns-sync.alerts.timeout", "3s"),
                    Map.entry("apim-dns-sync.alerts.webhooks[0].name", "teams"),
                    Map.entry("apim-dns-sync.alerts.webhooks[0].url", "http://localhost:" + HTTP + "/teams"),
                    Map.entry("apim-dns-sync.alerts.webhooks[0].format", "teams"),
                    Map.entry("apim-dns-sync.alerts.webhooks[1].name", "slack"),
                    Map.entry("apim-dns-sync.alerts.webhooks[1].url", "http://localhost:" + HTTP + "/slack"),
                    Map.entry("apim-dns-sync.alerts.webhooks[1].format", "slack"),
                    Map.entry("apim-dns-sync.alerts.webhooks[2].name", "hanging"),
                    Map.entry("apim-dns-sync.alerts.webhooks[2].url", "http://localhost:" + HTTP + "/hanging"),
                    Map.entry("apim-dns-sync.alerts.event-grid[0].name", "topic-key"),
                    Map.entry("apim-dns-sync.alerts.event-grid[0].endpoint",
                            "https://localhost:" + HTTPS + "/key/api/events"),
                    Map.entry("apim-dns-sync.alerts.event-grid[0].key", KEY),
                    Map.entry("apim-dns-sync.alerts.event-grid[1].name", "topic-entra"),
                    Map.entry("apim-dns-sync.alerts.event-grid[1].endpoint",
                            "https://localhost:" + HTTPS + "/entra/api/events"));
        }
    }

    record Received(String path, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse("");
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    /** While set, the hanging webhook holds every call until released (longer than alerts.timeout). */
    volatile boolean hang;
    final AtomicInteger hangingCalls = new AtomicInteger();
    HttpServer http;
    HttpsServer https;

    @BeforeEach
    void receivers() throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), HTTP), 0);
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (ex.getRequestURI().getPath().equals("/hanging") && hang) {
                hangingCalls.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS); // longer than alerts.timeout: the daemon gives up on it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
                    AlertsTest.parse(body)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.start();
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), HTTPS), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls()));
        https.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()),
                    AlertsTest.parse(body)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        https.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop(0);
        https.stop(0);
    }

    static SSLContext tls() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream("src/test/resources/tls/sandbox-keystore.p12")) {
            ks.load(in, "sandbox".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "sandbox".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The CloudEvents a topic received, flattened out of their batches. */
    List<JsonNode> events(String path) {
        List<JsonNode> out = new java.util.ArrayList<>();
        at(path).forEach(r -> r.body().forEach(out::add));
        return out;
    }

    static boolean conflictOpened(JsonNode e) {
        return e.path("type").asText().equals("ApimDnsSync.DriftOpened")
                && e.path("data").path("kind").asText().equals("conflict")
                && e.path("data").path("name").asText().equals("portal.contoso.com");
    }

    @Test
    void everySinkGetsItsFormatAndNoSecretIsLogged() {
        try (LogCapture log = new LogCapture("")) {
            sandbox.pass(); // records created, and the seed's foreign record: a conflict episode opens

            await().atMost(Duration.ofSeconds(10)).until(() -> !at("/teams").isEmpty() && !at("/slack").isEmpty());
            JsonNode teams = at("/teams").get(0).body();
            assertEquals("message", teams.path("type").asText());
            JsonNode attachment = teams.path("attachments").get(0);
            assertEquals("application/vnd.microsoft.card.adaptive", attachment.path("contentType").asText());
            assertEquals("AdaptiveCard", attachment.path("content").path("type").asText());
            assertTrue(attachment.path("content").path("body").get(0).path("text").asText()
                    .startsWith("Drift opened: conflict portal.contoso.com on azure-private-dns"), teams.toString());
            JsonNode slack = at("/slack").get(0).body();
            assertTrue(slack.path("text").asText().startsWith("Drift opened: conflict portal.contoso.com"),
                    slack.toString());
            assertEquals("section", slack.path("blocks").get(0).path("type").asText());

            await().atMost(Duration.ofSeconds(10)).until(() -> events("/key/api/events").stream()
                    .anyMatch(AlertSinksTest::conflictOpened)
                    && events("/entra/api/events").stream().anyMatch(AlertSinksTest::conflictOpened));
            Received keyed = at("/key/api/events").get(0);
            assertEquals(KEY, keyed.header("aeg-sas-key"));
            assertTrue(keyed.header("Content-Type").startsWith("application/cloudevents-batch+json"),
                    keyed.headers().toString());
            assertEquals("Bearer sandbox-token", at("/entra/api/events").get(0).header("Authorization"));
            JsonNode opened = events("/key/api/events").stream().filter(AlertSinksTest::conflictOpened).findFirst()
                    .orElseThrow();
            assertEquals("1.0", opened.path("specversion").asText());
            assertEquals("/apim-dns-sync/apim-dns-sync", opened.path("source").asText());
            assertEquals(SandboxDriver.CONTOSO.toLowerCase(java.util.Locale.ROOT), opened.path("subject").asText());
            assertTrue(events("/key/api/events").stream().anyMatch(e -> e.path("type").asText()
                    .equals("ApimDnsSync.RecordsChanged") && e.path("data").path("changes").size() > 0));

            String oldVip = sandbox.primaryPrivate();
            sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\",\"3\"],\"delaySeconds\":0.2}");
            sandbox.pass();
            String newVip = sandbox.primaryPrivate();
            await().atMost(Duration.ofSeconds(10)).until(() -> events("/key/api/events").stream()
                    .anyMatch(e -> e.path("type").asText().equals("ApimDnsSync.VipChanged")));
            JsonNode vip = events("/key/api/events").stream()
                    .filter(e -> e.path("type").asText().equals("ApimDnsSync.VipChanged")).findFirst().orElseThrow();
            assertTrue(vip.path("data").path("oldAddresses").toString().contains(oldVip), vip.toString());
            assertTrue(vip.path("data").path("newAddresses").toString().contains(newVip), vip.toString());

            assertTrue(at("/hanging").stream().noneMatch(r -> r.body().path("type").asText()
                    .equals("ApimDnsSync.RecordsChanged")), "record changes go to Event Grid only");
            assertTrue(log.lines.stream().noneMatch(l -> l.message().contains(KEY)
                    || l.message().contains(":" + HTTP) || l.message().contains(":" + HTTPS)),
                    "no key or sink address in the log");
        }
        String metrics = Management.given().get("/q/metrics").asString();
        assertTrue(metrics.contains("apim_dns_sync_alerts_waiting{sink=\"topic-key\"}"), metrics);
    }

    static double failedDeliveries(String sink) {
        return DnsSweepTest.metric("apim_dns_sync_alerts_total{outcome=\"failed\",sink=\"" + sink + "\"}");
    }

    /**
     * Timed against a pass that sends no alert: a pass whose alerts go to a sink that holds every call past the
     * timeout (3 s) takes no longer for it — the pass is done while the sink still holds the call. The call times
     * out, is retried, and the alert arrives once the sink answers again.
     */
    @Test
    void aSinkThatTimesOutIsRetriedAndHoldsNoPassUp() {
        sandbox.pass();
        long start = System.nanoTime();
        sandbox.pass(); // converged: no change, no alert
        Duration withoutAlerts = Duration.ofNanos(System.nanoTime() - start);
        double failedBefore = failedDeliveries("hanging");

        hang = true;
        sandbox.sandbox().delete("/sandbox/zones/contoso.com/records/portal").then().statusCode(204);
        start = System.nanoTime();
        sandbox.pass(); // the conflict is gone: a DriftClosed alert for every sink, and our record is written
        Duration withAlerts = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(withAlerts.minus(withoutAlerts).compareTo(Duration.ofSeconds(2)) < 0,
                "a pass waited for the hanging sink: " + withAlerts + " against " + withoutAlerts);

        await().atMost(Duration.ofSeconds(10)).until(() -> hangingCalls.get() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> failedDeliveries("hanging") > failedBefore);
        hang = false; // the retry (after 1 s) gets through
        await().atMost(Duration.ofSeconds(15)).until(() -> at("/hanging").stream()
                .anyMatch(r -> r.body().path("type").asText().equals("ApimDnsSync.DriftClosed")
                        && r.body().path("kind").asText().equals("conflict")));
    }
}
