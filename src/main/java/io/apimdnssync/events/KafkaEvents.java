package io.apimdnssync.events;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Event Grid → Event Hubs, consumed on the Event Hubs Kafka endpoint (channel {@code arm-events}). A message holds
 * one event or an array, in either schema. At-least-once: acknowledged once its keys are in the work queue; a
 * poison message is logged, counted and acknowledged so its partition never stalls.
 */
@ApplicationScoped
public class KafkaEvents {
    private static final Logger LOG = Logger.getLogger(KafkaEvents.class);

    @Inject
    EventIngest ingest;
    @Inject
    EventStats stats;

    @Incoming("arm-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> message) {
        String body = message.getPayload();
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
        }
        return message.ack();
    }
}
