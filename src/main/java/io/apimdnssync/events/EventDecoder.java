package io.apimdnssync.events;

import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridEvent;
import com.azure.messaging.eventgrid.SystemEventNames;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
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
        return schemaOf(Parsed.of(body).tree(), contentType);
    }

    private static Schema schemaOf(Optional<JsonNode> tree, Optional<String> contentType) {
        String ct = contentType.orElse("").toLowerCase(java.util.Locale.ROOT);
        if (ct.startsWith("application/cloudevents")) {
            return Schema.CLOUD_EVENTS;
        }
        // Not JSON: the SDK's parser says so, in the words of the default schema.
        JsonNode root = tree.orElse(null);
        JsonNode first = root != null && root.isArray() ? root.path(0) : root;
        return first != null && first.isObject() && first.has("specversion") && !first.has("eventType")
                ? Schema.CLOUD_EVENTS : Schema.EVENT_GRID;
    }

    /**
     * The body parsed once: its first JSON value (empty when it is not JSON: the SDK's parser then says why), and
     * whether anything but white space follows it (two documents, or garbage after one).
     */
    private record Parsed(Optional<JsonNode> tree, boolean trailing) {
        static Parsed of(String body) {
            try (JsonParser p = ENVELOPE.createParser(body)) {
                JsonNode tree = ENVELOPE.readTree(p);
                return new Parsed(Optional.ofNullable(tree), tree != null && anythingAfter(p));
            } catch (IOException e) {
                return new Parsed(Optional.empty(), false);
            }
        }

        /** Garbage that is not even a token counts as something after the value. */
        private static boolean anythingAfter(JsonParser p) {
            try {
                return p.nextToken() != null;
            } catch (IOException e) {
                return true;
            }
        }
    }

    /** The envelope attributes the SDK reads as strings, per schema. */
    private static final List<String> EVENT_GRID_STRINGS = List.of("id", "topic", "subject", "eventType",
            "eventTime", "metadataVersion", "dataVersion");
    private static final List<String> CLOUD_EVENT_STRINGS = List.of("id", "source", "type", "specversion", "time",
            "subject", "datacontenttype", "dataschema", "data_base64");

    /**
     * Refuses an envelope attribute that is an object or an array where a string belongs, before the SDK sees it: its
     * parser never returns on those (found by DeliveryProperties: {@code {"id":[{}]}} kept a thread busy for good).
     */
    private static void checkEnvelope(Optional<JsonNode> tree, Schema schema) {
        if (tree.isEmpty()) {
            return;
        }
        JsonNode root = tree.get();
        List<JsonNode> events = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(events::add);
        } else {
            events.add(root);
        }
        List<String> strings = schema == Schema.CLOUD_EVENTS ? CLOUD_EVENT_STRINGS : EVENT_GRID_STRINGS;
        String what = schema == Schema.CLOUD_EVENTS ? "CloudEvents 1.0" : "Event Grid schema";
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (!e.isObject()) {
                continue; // the SDK refuses it in its own words
            }
            for (String field : strings) {
                JsonNode v = e.get(field);
                if (v != null && v.isContainerNode()) {
                    throw new BadDeliveryException("not a valid " + what + " payload: event " + i + ": '" + field
                            + "' must be a string");
                }
            }
        }
    }

    public static List<ArmEvent> decode(String body, Optional<String> contentType) {
        if (body == null || body.isBlank()) {
            throw new BadDeliveryException("empty body: expected an Event Grid or CloudEvents JSON payload");
        }
        Parsed parsed = Parsed.of(body);
        Schema schema = schemaOf(parsed.tree(), contentType);
        checkEnvelope(parsed.tree(), schema);
        if (parsed.trailing()) {
            throw new BadDeliveryException("not a valid " + (schema == Schema.CLOUD_EVENTS ? "CloudEvents 1.0"
                    : "Event Grid schema") + " payload: more content after the JSON value");
        }
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
                    JsonNode d = read(data);
                    JsonNode named = type.startsWith("Microsoft.ResourceNotifications.")
                            ? d.path("resourceInfo").path("id") : d.path("resourceUri");
                    if (named.isTextual()) {
                        resource = named.asText();
                    }
                }
                case VALIDATION -> {
                    JsonNode c = read(data).path("validationCode");
                    code = c.isTextual() ? c.asText() : "";
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

    /**
     * The event's data as a tree; the fields the daemon needs are read from it by name (the SDK's system-event
     * models are not used: their parsers share the envelope's problem with wrong types).
     */
    private static JsonNode read(BinaryData data) throws IOException {
        JsonNode n = data == null ? null : ENVELOPE.readTree(data.toBytes());
        return n == null ? MissingNode.getInstance() : n;
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
