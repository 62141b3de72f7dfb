package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.events.EventStats;
import io.apimdnssync.events.KafkaEvents;
import io.apimdnssync.events.Samples;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.LeadershipAccess;
import io.apimdnssync.reconcile.Stopping;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Event Grid → Event Hubs → Kafka endpoint, against a real KRaft broker in the test JVM. Only the leader consumes;
 * a replica that stops leading leaves the consumer group.
 */
@QuarkusTest
@TestProfile(KafkaEventsTest.WithBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    @Inject
    KafkaEvents kafka;
    @Inject
    Leadership leadership;

    /** The members of the daemon's consumer group, as the broker sees them. */
    static int members() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrap))) {
            return admin.describeConsumerGroups(List.of("apim-dns-sync")).all().get(10, TimeUnit.SECONDS)
                    .get("apim-dns-sync").members().size();
        }
    }

    @Test
    void onlyTheLeaderConsumesAndAFollowerLeavesTheGroupSoNothingIsLost() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.consuming() && members() == 1);
        try {
            LeadershipAccess.follow(leadership); // as when another replica takes the Lease
            await().atMost(Duration.ofSeconds(15)).until(() -> !kafka.consuming() && members() == 0);
            long before = stats.get("kafka-events");
            send(Samples.writeSuccess(ID, Instant.now().toString()));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> stats.get("kafka-events") == before);

            LeadershipAccess.lead(leadership); // leading again: the message waiting in the topic is consumed
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.get("kafka-events") == before + 1);
            assertEquals(1, members());
        } finally {
            LeadershipAccess.lead(leadership);
        }
    }

    @Inject
    Stopping stopping;

    /** Last: this application does not come back from stopping (another profile starts a fresh one). */
    @Test
    @Order(Integer.MAX_VALUE)
    void onShutdownTheConsumerLeavesTheGroupAndTakesNothingMore() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.consuming() && members() == 1);
        stopping.begin(); // what SIGTERM begins (the container smoke test sends a real one)
        await().atMost(Duration.ofSeconds(10)).until(() -> !kafka.consuming() && members() == 0);
        long before = stats.get("kafka-events");
        send(Samples.writeSuccess(ID, Instant.now().toString()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> stats.get("kafka-events") == before);
    }
}
