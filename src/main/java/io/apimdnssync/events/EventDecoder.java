package io.apimdnssync.events;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.SystemEventNames;
import com.azure.messaging.eventgrid.systemevents.ResourceNotificationsResourceUpdatedEventData;
import com.azure.messaging.eventgrid.systemevents.ResourceWriteSuccessEventData;
import com.azure.messaging.eventgrid.systemevents.SubscriptionValidationEventData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an Event Grid delivery — Event Grid schema (array) or CloudEvents 1.0 (single or batch) — with the
 * azure-messaging-eventgrid models. Pure: no I/O.
 */
public final class EventDecoder {
    private static final Map<String, ArmEvent.Kind> KINDS = Map.ofEntries(
            Map.entry(SystemEventNames.RESOURCE_WRITE_SUCCESS, ArmEvent.Kind.WRITE),
            Map.entry(SystemEventNames.RESOURCE_WRITE_FAILURE, ArmEvent.Kind.WRITE),
            Map.entry(SystemEventNames.RESOURCE_WRITE_CANCEL, ArmEvent.Kind.WRITE),
            Map.entry(SystemEventNames.RESOURCE_DELETE_SUCCESS, ArmEvent.Kind.DELETE),
            Map.entry(SystemEventNames.RESOURCE_DELETE_FAILURE, ArmEvent.Kind.DELETE),
            Map.entry(SystemEventNames.RESOURCE_DELETE_CANCEL, ArmEvent.Kind.DELETE),
            Map.entry(SystemEventNames.RESOURCE_ACTION_SUCCESS, ArmEvent.Kind.ACTION),
            Map.entry(SystemEventNames.RESOURCE_ACTION_FAILURE, ArmEvent.Kind.ACTION),
            Map.entry(SystemEventNames.RESOURCE_ACTION_CANCEL, ArmEvent.Kind.ACTION),
            Map.entry(SystemEventNames.RESOURCE_NOTIFICATIONS_RESOURCE_MANAGEMENT_CREATED_OR_UPDATED,
                    ArmEvent.Kind.WRITE),
            Map.entry(SystemEventNames.RESOURCE_NOTIFICATIONS_RESOURCE_MANAGEMENT_DELETED, ArmEvent.Kind.DELETE),
            Map.entry(SystemEventNames.EVENT_GRID_SUBSCRIPTION_VALIDATION, ArmEvent.Kind.VALIDATION),
            Map.entry(SystemEventNames.EVENT_GRID_SUBSCRIPTION_DELETED, ArmEvent.Kind.SUBSCRIPTION_DELETED));

    private EventDecoder() {
    }

    public enum Schema {
        EVENT_GRID,
        CLOUD_EVENTS
    }

    private static final ObjectMapper ENVELOPE = new ObjectMapper();

    /**
     * Decides the schema from the content type, else from the envelope: the first event's own fields
     * ({@code specversion} without {@code eventType}), never words anywhere inside its data.
     */
    public static Schema schemaOf(String body, Optional<String> contentType) {
        String ct = contentType.orElse("").toLowerCase(java.util.Locale.ROOT);
        if (ct.startsWith("application/cloudevents")) {
            return Schema.CLOUD_EVENTS;
        }
        JsonNode root;
        try {
            root = ENVELOPE.readTree(body);
        } catch (java.io.IOException e) {
            return Schema.EVENT_GRID; // not JSON: the decoder says so in the words of the default schema
        }
        JsonNode first = root != null && root.isArray() ? root.path(0) : root;
        return first != null && first.isObject() && first.has("specversion") && !first.has("eventType")
                ? Schema.CLOUD_EVENTS : Schema.EVENT_GRID;
    }

    public static List<ArmEvent> decode(String body, Optional<String> contentType) {
        if (body == null || body.isBlank()) {
            throw new BadDeliveryException("empty body: expected an Event Grid or CloudEvents JSON payload");
        }
        Schema schema = schemaOf(body, contentType);
        List<ArmEvent> out = new ArrayList<>();
        try {
            if (schema == Schema.CLOUD_EVENTS) {
                for (CloudEvent e : CloudEvent.fromString(body)) {
                    out.add(toArmEvent(e.getId(), e.getType(), e.getSubject(), e.getTime(), e.getData()));
                }
            } else {
                for (EventGridEvent e : EventGridEvent.fromString(body)) {
                    out.add(toArmEvent(e.getId(), e.getEventType(), e.getSubject(), e.getEventTime(), e.getData()));
                }
            }
        } catch (BadDeliveryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadDeliveryException("not a valid " + (schema == Schema.CLOUD_EVENTS ? "CloudEvents 1.0"
                    : "Event Grid schema") + " payload: " + rootMessage(e), e);
        }
        return out;
    }

    static ArmEvent toArmEvent(String id, String type, String subject, OffsetDateTime time, BinaryData data) {
        if (type == null || type.isBlank()) {
            throw new BadDeliveryException("event " + id + " has no type");
        }
        ArmEvent.Kind kind = KINDS.getOrDefault(type, ArmEvent.Kind.OTHER);
        String resource = subject == null ? "" : subject;
        String code = "";
        try {
            switch (kind) {
                case WRITE, DELETE, ACTION -> {
                    if (type.startsWith("Microsoft.ResourceNotifications.")) {
                        var d = read(data, ResourceNotificationsResourceUpdatedEventData::fromJson);
                        if (d != null && d.getResourceDetails() != null && d.getResourceDetails().getId() != null) {
                            resource = d.getResourceDetails().getId();
                        }
                    } else {
                        var d = read(data, ResourceWriteSuccessEventData::fromJson);
                        if (d != null && d.getResourceUri() != null) {
                            resource = d.getResourceUri();
                        }
                    }
                }
                case VALIDATION -> {
                    var d = read(data, SubscriptionValidationEventData::fromJson);
                    code = d == null || d.getValidationCode() == null ? "" : d.getValidationCode();
                    if (code.isEmpty()) {
                        throw new BadDeliveryException("subscription validation event without a validationCode");
                    }
                }
                default -> {
                }
            }
        } catch (BadDeliveryException e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            // The data does not fit the model (older samples carry strings where objects are now): the subject
            // still names the resource.
        }
        return new ArmEvent(id == null ? "" : id, type, kind, resource, Optional.ofNullable(time), code);
    }

    private interface Reader<T> {
        T read(JsonReader r) throws java.io.IOException;
    }

    private static <T> T read(BinaryData data, Reader<T> reader) throws java.io.IOException {
        if (data == null) {
            return null;
        }
        try (JsonReader r = JsonProviders.createReader(data.toBytes())) {
            return reader.read(r);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        if (c instanceof NullPointerException) {
            return "a required part is missing"; // the SDK's own text names its internals, not the payload
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
