package io.apimdnssync.bench;

import io.apimdnssync.events.Samples;
import io.apimdnssync.reconcile.Rounds;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.sandbox.ArmEmulator;
import io.apimdnssync.sandbox.RequestLog;
import io.apimdnssync.sandbox.SandboxControl;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Not a test: {@code ./mvnw -Pbenchmark test} prints webhook ingest throughput, stale-window percentiles per event
 * path, and the ARM reads the change watch costs. Results also go to target/benchmark.md.
 */
@QuarkusTest
@TestProfile(EventsBenchmark.Bench.class)
class EventsBenchmark {
    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final String ID = "/subscriptions/" + SUB
            + "/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";
    static final int WATCH_SECONDS = 5;

    public static class Bench implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.events.watch.enabled", "true",
                    "apim-dns-sync.events.watch.interval", WATCH_SECONDS + "s",
                    "apim-dns-sync.reconcile.update-poll-interval", "1h");
        }
    }

    @Inject
    ArmEmulator emulator;
    @Inject
    SandboxControl control;
    @Inject
    WorkQueue queue;
    @Inject
    Rounds rounds;

    final HttpClient http = HttpClient.newHttpClient();
    final StringBuilder report = new StringBuilder();

    void sandbox(String method, String path, String body) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + emulator.port() + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    long operation(String json) throws Exception {
        String r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + emulator.port()
                + "/sandbox/services/contoso/operations")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return Long.parseLong(r.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    void line(String s) {
        System.out.println("[benchmark] " + s);
        report.append(s).append('\n');
    }

    @Test
    void run() throws Exception {
        sandbox("POST", "/sandbox/reset", "");
        rounds.resync(Trigger.of("bench"), false).get(1, TimeUnit.MINUTES);
        line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ingest();
        staleWindows("events at completion", "completion", 0, 15);
        staleWindows("events 5 s late", "late", 5, 10);
        staleWindows("events dropped (watch every " + WATCH_SECONDS + " s)", "never", 0, 10);
        watchCost();
        Files.writeString(Path.of("target/benchmark.md"), report.toString());
    }

    /** 95 % of the events concern child resources (APIs, policies …), 5 % the instance itself. */
    void ingest() throws Exception {
        int batches = 400;
        int perBatch = 50;
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < perBatch; i++) {
                String one = (i % 20 == 0) ? Samples.writeSuccess(ID, Instant.now().toString())
                        : Samples.writeSuccess(ID + "/apis/api-" + i + "/operations/op-" + b, Instant.now().toString());
                one = one.trim();
                sb.append(i == 0 ? "" : ",").append(one, 1, one.length() - 1);
            }
            bodies.add(sb.append("]").toString());
        }
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/api/v1/events?code=test-secret");
        for (int w = 0; w < 20; w++) { // warm-up
            http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(w))).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        long start = System.nanoTime();
        List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> inflight = new ArrayList<>();
        int failed = 0;
        for (String body : bodies) {
            inflight.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()));
            if (inflight.size() == 4) {
                for (var f : inflight) {
                    failed += f.get().statusCode() == 200 ? 0 : 1;
                }
                inflight.clear();
            }
        }
        for (var f : inflight) {
            failed += f.get().statusCode() == 200 ? 0 : 1;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        line(String.format("webhook ingest: %d events in %d batches of %d (95%% child-resource noise), 4 in flight: "
                + "%.0f events/s (%d non-200)", batches * perBatch, batches, perBatch, batches * perBatch / secs,
                failed));
    }

    void staleWindows(String label, String mode, int lateSeconds, int reps) throws Exception {
        sandbox("PUT", "/sandbox/events", "{\"webhookUrl\":\"http://localhost:" + RestAssured.port
                + "/api/v1/events?code=test-secret\"}");
        List<Long> windows = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            String zones = (i % 2 == 0) ? "[\"1\",\"2\"]" : "[\"2\",\"3\"]";
            long op = operation("{\"type\":\"set-zones\",\"zones\":" + zones + ",\"delaySeconds\":0.5,\"events\":\""
                    + mode + "\",\"eventDelaySeconds\":" + lateSeconds + "}");
            Instant completed = awaitCompleted(op);
            String vip = emulator.state().serviceByName("contoso").orElseThrow().path("properties")
                    .path("privateIPAddresses").get(0).asText();
            Instant written = awaitWritten(vip, completed, Duration.ofSeconds(lateSeconds + WATCH_SECONDS * 3L + 30));
            windows.add(Duration.between(completed, written).toMillis());
        }
        sandbox("PUT", "/sandbox/events", "{}");
        windows.sort(Long::compare);
        line(String.format("stale window, %s: p50 %d ms, p99 %d ms, max %d ms over %d VIP changes", label,
                pct(windows, 0.5), pct(windows, 0.99), windows.get(windows.size() - 1), reps));
    }

    Instant awaitCompleted(long op) throws InterruptedException {
        while (true) {
            var o = control.operations().stream().filter(x -> x.id() == op).findFirst().orElseThrow();
            if (o.completedAt().isPresent()) {
                return o.completedAt().get();
            }
            Thread.sleep(20);
        }
    }

    /** When the gateway record got the new VIP, from the sandbox's request log. */
    Instant awaitWritten(String vip, Instant after, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var rs = emulator.state().ips("contoso.azure-api.net", "@");
            if (rs.contains(vip)) {
                return emulator.requests().matching(e -> e.method().equals("PUT") && e.status() == 200
                        && e.pathMatches(".*/privatednszones/contoso.azure-api.net/a/@") && e.at().isAfter(after))
                        .stream().map(RequestLog.Entry::at).findFirst().orElse(Instant.now());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("record not rewritten within " + timeout);
    }

    void watchCost() throws Exception {
        emulator.requests().clear();
        Thread.sleep(60_000);
        long lists = emulator.requests().matching(e -> e.method().equals("GET")
                && e.pathMatches(".*/providers/microsoft.apimanagement/service")).size();
        long other = emulator.requests().matching(e -> e.method().equals("GET")
                && !e.pathMatches(".*/providers/microsoft.apimanagement/service")).size();
        line(String.format("change watch every %d s: %d APIM list calls in 60 s for 1 subscription "
                + "(%d other ARM reads, no event and no resync in that minute); at the default 30 s: 2 reads/min",
                WATCH_SECONDS, lists, other));
    }

    static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
