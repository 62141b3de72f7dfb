package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.events.EventStats;
import io.apimdnssync.events.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Event Grid → Event Hubs → Kafka endpoint, against a real KRaft broker in the test JVM. */
@QuarkusTest
@TestProfile(KafkaEventsTest.WithBroker.class)
class KafkaEventsTest extends SandboxTestBase {
    static final String TOPIC = "arm-events-test";
    static final String ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";

    public static class WithBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBroker.class));
        }
    }

    @Inject
    EventStats stats;

    static void send(String... values) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(TOPIC, "k", v)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void poisonMessagesAreSkippedWithoutStallingThePartition() throws Exception {
        sandbox.pass();
        sandbox.complete("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\"],\"delaySeconds\":0.2,\"events\":\"never\"}");
        long poisonBefore = stats.get("kafka-poison");
        String single = Samples.writeSuccess(ID, Instant.now().toString()).trim();
        single = single.substring(1, single.length() - 1); // one event, not an array, as Event Hubs delivers it
        send("this is not json", "{\"eventType\": 42}", "", single);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        assertEquals(poisonBefore + 3, stats.get("kafka-poison"));
    }

    @Test
    void sandboxOperationEventsReachTheDaemonThroughKafka() {
        sandbox.pass();
        sandbox.sandbox().body("{\"kafkaBootstrap\":\"" + KafkaBroker.bootstrap + "\",\"kafkaTopic\":\"" + TOPIC
                + "\",\"schema\":\"cloudevents\"}").put("/sandbox/events").then().statusCode(204);
        try {
            sandbox.operation("contoso", "{\"type\":\"set-zones\",\"zones\":[\"3\"],\"delaySeconds\":0.5}");
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        } finally {
            sandbox.sandbox().body("{}").put("/sandbox/events").then().statusCode(204);
        }
    }
}
