package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two daemons without leader election — active-active, as two Container Apps replicas or two VMs would run — against
 * one ARM stand-in: the packaged daemon ({@code target/quarkus-app}) twice, and the sandbox packaged with the dev
 * build profile ({@code target/sandbox-app}), each a process of its own (failsafe runs this after {@code package}).
 * Both get every Event Grid delivery at the same moment (two event subscriptions), watch for changes every second
 * and resync every few seconds, so both act on every VIP change at once and race for each write. Proved from the stand-in's request log and its records: the records
 * converge on the last VIP, never go back to an older one, no write is lost, and duplicate writes stay bounded.
 */
class TwoDaemonsIT {
    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final int ARM = 18843;
    static final String ARM_URL = "https://localhost:" + ARM;
    static final Path LOGS = Path.of("target/two-daemons");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Process> PROCESSES = new ArrayList<>();
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(LOGS);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/tls/sandbox-truststore.p12"))) {
            trust.load(in, "sandbox".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();

        start("stand-in", "target/sandbox-app", List.of("-Dquarkus.profile=dev", "-Dquarkus.http.port=18880",
                "-Dquarkus.management.port=18890", "-Dapim-dns-sync.sandbox.port=" + ARM,
                "-Dapim-dns-sync.sandbox.tls-key-store=src/test/resources/tls/sandbox-keystore.p12",
                "-Dapim-dns-sync.sandbox.dns.port=18854", "-Dapim-dns-sync.sandbox.bind.enabled=false",
                "-Dapim-dns-sync.sandbox.events-webhook-url=http://localhost:18881/api/v1/events?code=it-secret,"
                        + "http://localhost:18882/api/v1/events?code=it-secret",
                "-Dapim-dns-sync.reconcile.enabled=false", "-Dapim-dns-sync.events.watch.enabled=false",
                "-Dapim-dns-sync.sweep.enabled=false"), Map.of());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get(ARM_URL + "/sandbox/zones") != null);
        daemon("a", 18881, 18891);
        daemon("b", 18882, 18892);
        for (int management : new int[] {18891, 18892}) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> status("http://localhost:" + management + "/q/health/ready") == 200);
        }
    }

    static void daemon(String name, int port, int management) throws IOException {
        start(name, "target/quarkus-app", List.of("-Xms16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djavax.net.ssl.trustStore=src/test/resources/tls/sandbox-truststore.p12",
                "-Djavax.net.ssl.trustStorePassword=sandbox", "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management,
                "-Dapim-dns-sync.policy=sync", "-Dapim-dns-sync.azure.cloud=custom",
                "-Dapim-dns-sync.azure.resource-manager-endpoint=" + ARM_URL + "/",
                "-Dapim-dns-sync.azure.token-audience=https://management.sandbox.example/",
                "-Dapim-dns-sync.instances.discovery[0].subscription=" + SUB,
                "-Dapim-dns-sync.private-dns-zone-discovery[0].subscription=" + SUB,
                "-Dapim-dns-sync.private-dns-zone-discovery[0].resource-group=rg-dns",
                "-Dapim-dns-sync.api.exposure=management", "-Dquarkus.oidc.tenant-enabled=false",
                "-Dapim-dns-sync.events.webhook.secret=it-secret", "-Dapim-dns-sync.events.watch.interval=1s",
                "-Dapim-dns-sync.reconcile.resync-interval=3s", "-Dapim-dns-sync.reconcile.update-poll-interval=1s",
                "-Dapim-dns-sync.sweep.enabled=false"),
                Map.of("IDENTITY_ENDPOINT", ARM_URL + "/sandbox/msi/token", "IDENTITY_HEADER",
                        "sandbox-identity-header"));
    }

    static void start(String name, String app, List<String> options, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-jar", app + "/quarkus-run.jar"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        PROCESSES.add(pb.start());
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroy);
        PROCESSES.forEach(p -> {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    static int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static JsonNode send(String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ARM_URL + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, method + " " + path + ": " + r.statusCode() + " " + r.body());
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    /** The gateway's A record as the stand-in holds it. */
    static List<String> gateway() throws Exception {
        List<String> ips = new ArrayList<>();
        JsonNode z = get(ARM_URL + "/sandbox/zones");
        if (z != null) {
            z.path("contoso.azure-api.net").path("@").path("ips").forEach(ip -> ips.add(ip.asText()));
        }
        return ips;
    }

    static JsonNode service() throws Exception {
        return send("PATCH", "/sandbox/services/contoso", "{}"); // an empty merge: the service as it is
    }

    static String vip(JsonNode service) {
        return service.path("properties").path("privateIPAddresses").path(0).asText();
    }

    @Test
    void bothConvergeOnEveryChangeWithoutLostUpdatesFlappingOrUnboundedDuplicateWrites() throws Exception {
        List<String> vips = new ArrayList<>();
        vips.add(vip(service()));
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway().equals(List.of(vips.get(0))));
        send("DELETE", "/sandbox/requests", "");

        // What the record holds, sampled all along: the sequence of values it went through.
        List<List<String>> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    List<String> now = gateway();
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                        seen.add(now);
                    }
                    Thread.sleep(20);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.start();

        int changes = 6;
        for (int i = 0; i < changes; i++) {
            String zones = i % 2 == 0 ? "[\"1\",\"2\"]" : "[\"1\"]";
            send("POST", "/sandbox/services/contoso/operations",
                    "{\"type\":\"set-zones\",\"zones\":" + zones + ",\"delaySeconds\":0.5}");
            String before = vips.get(vips.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode s = service();
                return s.path("properties").path("provisioningState").asText().equals("Succeeded")
                        && !vip(s).equals(before);
            });
            vips.add(vip(service()));
            String expected = vips.get(vips.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway().equals(List.of(expected)));
        }
        // Both daemons keep resyncing (every 3 s) and watching (every 1 s): nothing more is written.
        long writesAtEnd = recordWrites().size();
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> recordWrites().size() == writesAtEnd);
        sampling.set(false);
        sampler.join();

        assertEquals(List.of(vips.get(vips.size() - 1)), gateway(), "converged on the last VIP");
        // No flapping: the record went through the VIPs in order, each at most once, never back to an older one.
        List<String> order = seen.stream().filter(v -> !v.isEmpty()).map(v -> String.join(",", v)).toList();
        assertEquals(vips, order, "the values the record went through, in order");

        List<JsonNode> writes = recordWrites();
        long succeeded = writes.stream().filter(w -> w.path("status").asInt() / 100 == 2).count();
        long refused = writes.stream().filter(w -> w.path("status").asInt() == 412).count();
        System.out.printf("two daemons, %d VIP changes: %d successful writes of the gateway record, %d refused "
                + "with 412 (ETag), %d duplicate writes%n", changes, succeeded, refused, succeeded - changes);
        // Every change written at least once (no lost update) and at most once per daemon.
        assertTrue(succeeded >= changes && succeeded <= 2L * changes, succeeded + " successful writes");
        // Every write was conditional: without that, a slower daemon would put back an older VIP.
        assertTrue(writes.stream().allMatch(w -> !w.path("ifMatch").asText("").isEmpty()
                || !w.path("ifNoneMatch").asText("").isEmpty()), writes.toString());
    }

    /** The stand-in's log of writes to the gateway's record set (PUT or DELETE, any status). */
    static List<JsonNode> recordWrites() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        get(ARM_URL + "/sandbox/requests").forEach(e -> {
            String method = e.path("method").asText();
            if ((method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH"))
                    && e.path("path").asText().toLowerCase(java.util.Locale.ROOT)
                            .endsWith("/privatednszones/contoso.azure-api.net/a/@")) {
                out.add(e);
            }
        });
        return out;
    }
}
