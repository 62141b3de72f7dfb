package io.apimdnssync.events;

import io.apimdnssync.config.Backoff;
import io.apimdnssync.config.EventHubsConnectionString;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.Stopping;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Event Grid → Event Hubs, consumed on the Event Hubs Kafka endpoint ({@code events.kafka}). Only the leader
 * consumes: a replica opens its consumer when it leads and closes it — leaving the consumer group, so the partitions
 * go to the replica that leads — when it stops leading or the daemon stops. Offsets are committed once a batch's
 * instance keys are in the work queue; keys queued when the leader stops or steps down are dropped with the queue,
 * and the successor's resync round (taking the Lease starts one) covers them. A message holds one event or an array,
 * in either schema; one that cannot be handled is logged, counted and skipped so its partition never stalls.
 */
@ApplicationScoped
public class KafkaEvents {
    private static final Logger LOG = Logger.getLogger(KafkaEvents.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final SyncConfig.Kafka config;
    /** Resolved once (it may come from the connection string). */
    private final String topic;
    private final EventIngest ingest;
    private final EventStats stats;
    private final Leadership leadership;
    private final Stopping stopping;
    private final AtomicReference<KafkaConsumer<String, String>> consumer = new AtomicReference<>();
    /** Why the consumer is not consuming, when that is a failure (empty while it consumes or stands by). */
    private final AtomicReference<String> failure = new AtomicReference<>("");
    private volatile boolean stopped;
    private Thread loop;
    /** When the open consumer joined, to report one that gets no partition. */
    private long openedAt;

    KafkaEvents(SyncConfig config, EventIngest ingest, EventStats stats, Leadership leadership, Stopping stopping,
            MeterRegistry registry) {
        this.config = config.events().kafka();
        this.topic = topic(this.config);
        this.ingest = ingest;
        this.stats = stats;
        this.leadership = leadership;
        this.stopping = stopping;
        // A gauge, not only the error counter: a failure that lasts is visible (and alerted on) all along.
        Gauge.builder("apim.dns.sync.kafka.consumer.failing", this, k -> k.failure().isPresent() ? 1 : 0)
                .description("1 while the Kafka consumer fails or gets no partition, else 0 (also without Kafka)")
                .register(registry);
    }

    void start(@Observes @Priority(20) StartupEvent e) {
        if (config.enabled()) {
            loop = new Thread(this::run, "apim-dns-sync-kafka");
            loop.setDaemon(true);
            loop.start();
        }
    }

    /** Early in the shutdown, with the webhook: no message is taken after the daemon started stopping. */
    void stop(@Observes @Priority(2) ShutdownEvent e) {
        stopped = true;
        Optional.ofNullable(consumer.get()).ifPresent(KafkaConsumer::wakeup);
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(3).toMillis()); // a poll returns at once on wakeup; closing is quick
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether this replica holds an open consumer (it leads and consumes). */
    public boolean consuming() {
        return consumer.get() != null && failure.get().isEmpty();
    }

    /** Why consumption failed last, when it did. */
    public Optional<String> failure() {
        return Optional.of(failure.get()).filter(f -> !f.isEmpty());
    }

    private void run() {
        try {
            consume();
        } finally {
            if (!stopped) { // an Error: nothing consumes any more, and that must show
                failure.set("the consumer thread died");
                LOG.error("the Kafka consumer thread died; events arrive only through the webhook, the change "
                        + "watch and the resync until the daemon restarts");
            }
        }
    }

    private void consume() {
        int failuresInARow = 0;
        while (!stopped) {
            if (!leadership.leading() || stopping.now()) {
                close(stopping.now() ? "the daemon stops" : "this replica does not lead");
                failure.set(""); // a standby consumes nothing: nothing of it fails
                pause(config.pollTimeout());
                continue;
            }
            try {
                ConsumerRecords<String, String> records = open().poll(config.pollTimeout());
                for (ConsumerRecord<String, String> r : records) {
                    handle(r.value());
                }
                if (!records.isEmpty()) {
                    consumer.get().commitSync();
                }
                checkAssignment(consumer.get());
                failuresInARow = 0;
            } catch (WakeupException e) {
                // stopping: the loop's condition ends it
            } catch (RuntimeException e) {
                Duration backoff = Backoff.after(++failuresInARow, Duration.ofSeconds(1), MAX_BACKOFF);
                stats.count("kafka-consumer-errors");
                failure.set(why(e));
                LOG.errorf("the Kafka consumer of topic %s failed (%s); reconnecting in %s", topic, why(e),
                        backoff);
                close("it failed");
                pause(backoff);
            }
        }
        close("the daemon stops");
    }

    /**
     * Kafka's client keeps retrying an unreachable broker without an error, so a consumer that has no partition
     * long after it joined is reported here (once per episode), and clears when partitions arrive.
     */
    private void checkAssignment(KafkaConsumer<String, String> c) {
        if (!c.assignment().isEmpty()) {
            if (!failure.getAndSet("").isEmpty()) {
                LOG.infof("the Kafka consumer of topic %s has partitions %s again", topic, c.assignment());
            }
        } else if (System.nanoTime() - openedAt > config.assignmentTimeout().toNanos() && failure.get().isEmpty()) {
            String why = "no partition of topic " + topic + " assigned " + config.assignmentTimeout().toSeconds()
                    + " s after joining group " + config.groupId() + " (is the broker reachable, does the topic "
                    + "exist, do the credentials allow it?)";
            failure.set(why);
            stats.count("kafka-consumer-errors");
            LOG.errorf("the Kafka consumer has %s", why);
        }
    }

    /** The exception and its root cause ("Failed to construct kafka consumer" alone says nothing). */
    static String why(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? top : top + ", caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** One message; whatever it holds, the partition moves on (its offset is committed with the batch). */
    void handle(String body) {
        try {
            if (body == null || body.isBlank()) {
                throw new BadDeliveryException("empty message");
            }
            String trimmed = body.trim();
            // Event Hubs delivers one event per message; wrap a single Event Grid event so the SDK reads it.
            String payload = trimmed.startsWith("{") && trimmed.contains("\"eventType\"") ? "[" + trimmed + "]"
                    : trimmed;
            ingest.ingest(EventDecoder.decode(payload, Optional.empty()), "kafka");
        } catch (BadDeliveryException e) {
            stats.count("kafka-poison");
            LOG.warnf("skipping a Kafka message that is not an Event Grid delivery: %s", e.getMessage());
        } catch (RuntimeException e) {
            stats.count("kafka-poison");
            LOG.errorf(e, "skipping a Kafka message that could not be handled (%s)", e.toString());
        }
    }

    private KafkaConsumer<String, String> open() {
        KafkaConsumer<String, String> c = consumer.get();
        if (c == null) {
            c = new KafkaConsumer<>(new HashMap<>(properties(config)), new StringDeserializer(),
                    new StringDeserializer());
            consumer.set(c);
            openedAt = System.nanoTime();
            c.subscribe(List.of(topic));
            LOG.infof("consuming Event Grid deliveries from Kafka topic %s as consumer group %s", topic,
                    config.groupId());
        }
        return c;
    }

    /** Leaves the consumer group (its partitions go to the other members), committing what was handled. */
    private void close(String why) {
        KafkaConsumer<String, String> c = consumer.getAndSet(null);
        if (c != null) {
            try {
                c.close(Duration.ofSeconds(5));
                LOG.infof("stopped consuming Kafka topic %s: %s", topic, why);
            } catch (RuntimeException e) {
                LOG.warnf("closing the Kafka consumer failed (%s); the group rebalances after its session timeout",
                        e.toString());
            }
        }
    }

    static String topic(SyncConfig.Kafka k) {
        return k.topic().or(() -> hub(k).flatMap(EventHubsConnectionString::entityPath)).orElse("");
    }

    private static Optional<EventHubsConnectionString> hub(SyncConfig.Kafka k) {
        return k.connectionString().map(EventHubsConnectionString::parse);
    }

    /** The consumer's properties: Event Hubs' from the connection string, then the explicit ones over them. */
    static Map<String, Object> properties(SyncConfig.Kafka k) {
        Map<String, Object> p = new HashMap<>();
        hub(k).ifPresent(h -> p.putAll(h.kafkaProperties()));
        k.bootstrapServers().ifPresent(b -> p.put("bootstrap.servers", b));
        p.put("group.id", k.groupId());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.putAll(k.properties());
        return p;
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
