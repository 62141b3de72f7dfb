package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
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
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The packaged applications as processes of their own: the sandbox packaged with the dev build profile
 * ({@code target/sandbox-app}) as the ARM stand-in, and the daemon ({@code target/quarkus-app}) pointed at it, as
 * in production (custom cloud, managed identity endpoint, https). Logs go to {@code target/<dir>/<name>.log}.
 */
public final class PackagedApps implements AutoCloseable {
    public static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path logs;
    private final int arm;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http;

    public PackagedApps(String dir, int armPort) throws IOException, GeneralSecurityException {
        this.logs = Path.of("target", dir);
        this.arm = armPort;
        Files.createDirectories(logs);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/tls/sandbox-truststore.p12"))) {
            trust.load(in, "sandbox".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String armUrl() {
        return "https://localhost:" + arm;
    }

    /** The stand-in on {@link #armUrl()}, its events delivered to these webhooks; waits until it answers. */
    public void standIn(int httpPort, int dnsPort, List<String> webhooks) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Dquarkus.profile=dev", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + (httpPort + 10), "-Dapim-dns-sync.sandbox.port=" + arm,
                "-Dapim-dns-sync.sandbox.tls-key-store=src/test/resources/tls/sandbox-keystore.p12",
                "-Dapim-dns-sync.sandbox.dns.port=" + dnsPort, "-Dapim-dns-sync.sandbox.bind.enabled=false",
                "-Dapim-dns-sync.reconcile.enabled=false", "-Dapim-dns-sync.events.watch.enabled=false",
                "-Dapim-dns-sync.sweep.enabled=false"));
        if (!webhooks.isEmpty()) {
            options.add("-Dapim-dns-sync.sandbox.events-webhook-url=" + String.join(",", webhooks));
        }
        start("stand-in", "target/sandbox-app", options, Map.of());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> get("/sandbox/zones") != null);
    }

    /** A daemon with these JVM and configuration options on top of the stand-in's; waits until it is ready. */
    public Process daemon(String name, int port, int management, List<String> options) throws IOException {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("-Djavax.net.ssl.trustStore=src/test/resources/tls/sandbox-truststore.p12",
                "-Djavax.net.ssl.trustStorePassword=sandbox", "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management,
                "-Dapim-dns-sync.policy=sync", "-Dapim-dns-sync.azure.cloud=custom",
                "-Dapim-dns-sync.azure.resource-manager-endpoint=" + armUrl() + "/",
                "-Dapim-dns-sync.azure.token-audience=https://management.sandbox.example/",
                "-Dapim-dns-sync.instances.discovery[0].subscription=" + SUB,
                "-Dapim-dns-sync.private-dns-zone-discovery[0].subscription=" + SUB,
                "-Dapim-dns-sync.private-dns-zone-discovery[0].resource-group=rg-dns",
                "-Dapim-dns-sync.api.exposure=management", "-Dquarkus.oidc.tenant-enabled=false",
                "-Dapim-dns-sync.events.webhook.secret=it-secret"));
        Process p = start(name, "target/quarkus-app", all, Map.of("IDENTITY_ENDPOINT", armUrl()
                + "/sandbox/msi/token", "IDENTITY_HEADER", "sandbox-identity-header"));
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> status("http://localhost:" + management + "/q/health/ready") == 200);
        return p;
    }

    private Process start(String name, String app, List<String> options, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-jar", app + "/quarkus-run.jar"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** GET on the stand-in (a path) or anywhere (a URL): the JSON, or null unless 200. */
    public JsonNode get(String pathOrUrl) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }

    public int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A request that must succeed (2xx); its JSON. */
    public JsonNode send(String method, String pathOrUrl, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofSeconds(300))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, method + " " + pathOrUrl + ": " + r.statusCode() + " " + r.body());
        return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("/") ? armUrl() + pathOrUrl : pathOrUrl);
    }
}
