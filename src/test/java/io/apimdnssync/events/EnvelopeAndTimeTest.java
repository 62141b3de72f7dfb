package io.apimdnssync.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schema comes from the content type and the envelope; an event's time never lies in the future. */
class EnvelopeAndTimeTest {
    static final String ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/"
            + "Microsoft.ApiManagement/service/contoso";

    @Test
    void wordsInsideDataDoNotChooseTheSchema() {
        String body = Samples.writeSuccess(ID, "2026-11-27T00:00:00Z").replace("\"resourceProvider\"",
                "\"note\": \"\\\"specversion\\\" appears here\", \"specversion\": \"1.0\", \"resourceProvider\"");
        assertEquals(EventDecoder.Schema.EVENT_GRID, EventDecoder.schemaOf(body, Optional.of("application/json")));
        assertEquals(1, EventDecoder.decode(body, Optional.of("application/json")).size());
    }

    @Test
    void theEnvelopeOrTheContentTypeChoosesCloudEvents() {
        String ce = Samples.cloudEvent(ID, "2026-11-27T00:00:00Z");
        assertEquals(EventDecoder.Schema.CLOUD_EVENTS, EventDecoder.schemaOf(ce, Optional.of("application/json")));
        assertEquals(EventDecoder.Schema.CLOUD_EVENTS,
                EventDecoder.schemaOf("[]", Optional.of("application/cloudevents-batch+json")));
    }

    @Test
    void malformedJsonIsABadDelivery() {
        assertThrows(BadDeliveryException.class, () -> EventDecoder.decode("[{", Optional.empty()));
    }

    @Test
    void anEventStampedInTheFutureCountsFromItsReceipt() {
        Instant received = Instant.parse("2026-11-27T10:00:00Z");
        ArmEvent future = event(OffsetDateTime.of(2099, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        ArmEvent past = event(OffsetDateTime.of(2026, 11, 27, 9, 59, 0, 0, ZoneOffset.UTC));
        assertEquals(received, EventIngest.eventTime(future, received));
        assertEquals(Instant.parse("2026-11-27T09:59:00Z"), EventIngest.eventTime(past, received));
        assertEquals(received, EventIngest.eventTime(new ArmEvent("1", "t", ArmEvent.Kind.WRITE, ID,
                Optional.empty(), ""), received));
    }

    private static ArmEvent event(OffsetDateTime t) {
        return new ArmEvent("1", "Microsoft.Resources.ResourceWriteSuccess", ArmEvent.Kind.WRITE, ID, Optional.of(t),
                "");
    }

    @Test
    void aContainerWhereTheEnvelopeHasAStringIsRefusedAtOnce() {
        for (String body : List.of("{\"id\":[{\" \":-2147483648}]}", "[{\"eventType\":{}}]",
                "{\"specversion\":\"1.0\",\"source\":[1]}")) {
            BadDeliveryException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(5), () -> assertThrows(BadDeliveryException.class,
                            () -> EventDecoder.decode(body, Optional.of("application/json"))));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("must be a string"), e.getMessage());
        }
    }
}
