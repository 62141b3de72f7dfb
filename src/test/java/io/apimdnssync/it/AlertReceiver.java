package io.apimdnssync.it;

import com.sun.net.httpserver.HttpServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local HTTP endpoint taking the generic JSON alerts of one webhook sink, started and stopped around each test
 * ({@code @RegisterExtension}); {@link #sink(int)} is the configuration that points the daemon at it.
 */
final class AlertReceiver implements BeforeEachCallback, AfterEachCallback {
    final List<String> alerts = new CopyOnWriteArrayList<>();
    private final int port;
    private HttpServer server;

    AlertReceiver(int port) {
        this.port = port;
    }

    /** The webhook sink "receiver" on this port. */
    static Map<String, String> sink(int port) {
        return Map.of("apim-dns-sync.alerts.webhooks[0].name", "receiver",
                "apim-dns-sync.alerts.webhooks[0].url", "http://localhost:" + port + "/alerts");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        alerts.clear();
        server = AlertsTest.receiver(port, body -> {
            alerts.add(body);
            return 200;
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop(0);
    }

    /** Drift alerts of this type ("Opened", "Closed"), kind and name whose episode began after {@code since}. */
    long count(String type, String kind, String name, Instant since) {
        return alerts.stream().map(AlertsTest::parse).filter(a -> a.path("type").asText().equals(
                "ApimDnsSync.Drift" + type) && a.path("kind").asText().equals(kind)
                && a.path("name").asText().equals(name)
                && Instant.parse(a.path("firstSeen").asText()).isAfter(since)).count();
    }
}
