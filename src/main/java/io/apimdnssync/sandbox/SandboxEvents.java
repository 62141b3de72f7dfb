package io.apimdnssync.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The ARM events Azure would send for the sandbox's operations (Microsoft.Resources.ResourceWriteSuccess, in the
 * Event Grid schema or as CloudEvents), delivered to a webhook and/or a Kafka topic: at completion, late, twice,
 * out of order, or never.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class SandboxEvents {
    private static final Logger LOG = Logger.getLogger(SandboxEvents.class);

    /** Where events go; changed at run time through {@code PUT /sandbox/events}. */
    public record Destination(List<String> webhookUrls, Optional<String> kafkaBootstrap, Optional<String> kafkaTopic,
            boolean cloudEvents) {
    }

    public enum Mode {
        COMPLETION,
        LATE,
        TWICE,
        OUT_OF_ORDER,
        NEVER
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-events");
        t.setDaemon(true);
        return t;
    });
    private volatile Destination destination = new Destination(List.of(), Optional.empty(), Optional.empty(), false);
    private volatile KafkaProducer<String, String> producer;

    public void configure(Destination d) {
        this.destination = d;
        closeProducer();
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        closeProducer();
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    /** Emits the events of one completed write on {@code resourceId}, completed at {@code completedAt}. */
    public void operationCompleted(String resourceId, Instant completedAt, boolean succeeded, Mode mode,
            Duration lateBy) {
        String type = succeeded ? "Microsoft.Resources.ResourceWriteSuccess"
                : "Microsoft.Resources.ResourceWriteFailure";
        switch (mode) {
            case NEVER -> {
            }
            case COMPLETION -> send(event(resourceId, type, completedAt, succeeded));
            case LATE -> timer.schedule(() -> send(event(resourceId, type, completedAt, succeeded)), lateBy.toMillis(),
                    TimeUnit.MILLISECONDS);
            case TWICE -> {
                String e = event(resourceId, type, completedAt, succeeded);
                send(e);
                send(e);
            }
            case OUT_OF_ORDER -> {
                // The completion first, then an older event of the same resource (the update's start).
                send(event(resourceId, type, completedAt, succeeded));
                send(event(resourceId, type, completedAt.minusSeconds(1800), true));
            }
        }
    }

    /** Sends a raw delivery body (the benchmark's noise uses it too). */
    public void send(String body) {
        Destination d = destination;
        // One delivery per event subscription, all at once (as Event Grid delivers to each of its subscriptions).
        List<CompletableFuture<Void>> deliveries = d.webhookUrls().stream().map(url -> http.sendAsync(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type",
                                d.cloudEvents() ? "application/cloudevents-batch+json" : "application/json")
                        .header("aeg-event-type", "Notification").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString())
                .handle((r, e) -> {
                    if (e != null) {
                        LOG.warnf("sandbox event delivery to %s failed: %s", url, e.getMessage());
                    } else if (r.statusCode() != 200) {
                        LOG.warnf("sandbox event delivery to %s got %d: %s", url, r.statusCode(), r.body());
                    }
                    return (Void) null;
                })).toList();
        deliveries.forEach(CompletableFuture::join);
        if (d.kafkaBootstrap().isPresent() && d.kafkaTopic().isPresent()) {
            try {
                producer(d).send(new ProducerRecord<>(d.kafkaTopic().get(), body)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("sandbox event to Kafka failed: %s", e.getMessage());
            }
        }
    }

    private synchronized KafkaProducer<String, String> producer(Destination d) {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", d.kafkaBootstrap().orElseThrow());
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            p.put("acks", "all");
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /** One event in the configured schema, shaped like Microsoft's published samples. */
    public String event(String resourceId, String type, Instant time, boolean succeeded) {
        String sub = resourceId.split("/")[2];
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode authz = data.putObject("authorization");
        authz.put("scope", resourceId);
        authz.put("action", "Microsoft.ApiManagement/service/write");
        authz.putObject("evidence").put("role", "Contributor");
        ObjectNode claims = data.putObject("claims");
        claims.put("aud", "https://management.core.windows.net/");
        claims.put("iss", "https://sts.windows.net/00000000-0000-0000-0000-0000000000ee/");
        claims.put("appid", "00000000-0000-0000-0000-0000000000aa");
        claims.put("ver", "1.0");
        data.put("correlationId", UUID.randomUUID().toString());
        ObjectNode req = data.putObject("httpRequest");
        req.put("clientRequestId", UUID.randomUUID().toString());
        req.put("clientIpAddress", "10.0.0.4");
        req.put("method", "PUT");
        req.put("url", "https://management.azure.com" + resourceId + "?api-version=2021-08-01");
        data.put("resourceProvider", "Microsoft.ApiManagement");
        data.put("resourceUri", resourceId);
        data.put("operationName", "Microsoft.ApiManagement/service/write");
        data.put("status", succeeded ? "Succeeded" : "Failed");
        data.put("subscriptionId", sub);
        data.put("tenantId", "00000000-0000-0000-0000-0000000000ee");
        ArrayNode batch = JsonNodeFactory.instance.arrayNode();
        ObjectNode e = batch.addObject();
        if (destination.cloudEvents()) {
            e.put("specversion", "1.0");
            e.put("type", type);
            e.put("source", "/subscriptions/" + sub);
            e.put("subject", resourceId);
            e.put("id", UUID.randomUUID().toString());
            e.put("time", time.toString());
            e.put("datacontenttype", "application/json");
            e.set("data", data);
        } else {
            e.put("subject", resourceId);
            e.put("eventType", type);
            e.put("eventTime", time.toString());
            e.put("id", UUID.randomUUID().toString());
            e.set("data", data);
            e.put("dataVersion", "2");
            e.put("metadataVersion", "1");
            e.put("topic", "/subscriptions/" + sub);
        }
        return batch.toString();
    }
}
