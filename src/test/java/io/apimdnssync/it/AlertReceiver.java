package io.apimdnssync.it;

import com.sun.net.httpserver.HttpServer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP endpoint taking the generic JSON alerts of one webhook sink; each test starts and stops its own. */
final class AlertReceiver implements AutoCloseable {
    final List<String> alerts = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    AlertReceiver(int port) throws Exception {
        server = AlertsTest.receiver(port, body -> {
            alerts.add(body);
            return 200;
        });
    }

    /** Drift alerts of this type ("Opened", "Closed"), kind and name whose episode began after {@code since}. */
    long count(String type, String kind, String name, Instant since) {
        return alerts.stream().map(AlertsTest::parse).filter(a -> a.path("type").asText().equals(
                "ApimDnsSync.Drift" + type) && a.path("kind").asText().equals(kind)
                && a.path("name").asText().equals(name)
                && Instant.parse(a.path("firstSeen").asText()).isAfter(since)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
