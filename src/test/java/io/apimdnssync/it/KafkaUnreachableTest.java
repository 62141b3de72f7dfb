package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.apimdnssync.events.EventStats;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * A Kafka broker that cannot be reached: Kafka's client retries without an error of its own, so the daemon reports
 * a consumer that gets no partition: an ERROR line, the counter, and the events health group DOWN with the reason.
 * The rest runs on (readiness stays UP).
 */
@QuarkusTest
@TestProfile(KafkaUnreachableTest.Unreachable.class)
class KafkaUnreachableTest extends SandboxTestBase {
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort(); // free, and nothing listens once this closes
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("apim-dns-sync.events.kafka.enabled", "true",
                    "apim-dns-sync.events.kafka.bootstrap-servers", "127.0.0.1:" + closed,
                    "apim-dns-sync.events.kafka.topic", "arm-events", "apim-dns-sync.events.kafka.assignment-timeout",
                    "2s");
        }
    }

    @Inject
    EventStats stats;

    @Test
    void aConsumerThatGetsNoPartitionIsReported() {
        try (LogCapture log = new LogCapture("io.apimdnssync")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.get("kafka-consumer-errors") >= 1);
            Management.given().get("/q/health/group/events").then().statusCode(503)
                    .body("checks[0].data.reason", containsString("no partition of topic arm-events assigned"));
            assertFalse(log.at(Level.SEVERE, "no partition of topic arm-events").isEmpty(), log.lines.toString());
        }
        sandbox.pass();
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
