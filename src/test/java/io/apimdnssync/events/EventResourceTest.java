package io.apimdnssync.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.DiscoveryScope;
import io.apimdnssync.config.ManagedScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where an event's resource comes from (its data first, its subject otherwise), and what the decoder refuses. */
class EventResourceTest {
    static final String APIM = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/"
            + "Microsoft.ApiManagement/service/contoso";
    static final String SUBJECT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim";

    static ArmEvent one(String body) {
        List<ArmEvent> e = EventDecoder.decode(body, Optional.empty());
        assertEquals(1, e.size());
        return e.get(0);
    }

    @Test
    void aWriteNamesTheResourceFromItsDataNotItsSubject() {
        String body = Samples.writeSuccess(APIM, "2018-07-19T18:38:04.6117357Z")
                .replaceFirst("\"subject\": \"[^\"]*\"", "\"subject\": \"" + SUBJECT + "\"");
        assertTrue(body.contains("\"resourceUri\""), "the sample carries data.resourceUri");
        ArmEvent e = one(body);
        assertEquals(APIM, e.resourceId());
        assertEquals(ArmEvent.Kind.WRITE, e.kind());
        assertEquals("4db48cba-50a2-455a-93b4-de41a3b5b7f6", e.id());
    }

    @Test
    void aWriteWithoutResourceUriFallsBackToItsSubject() {
        String body = Samples.writeSuccess(APIM, "2018-07-19T18:38:04.6117357Z")
                .replaceAll("\"resourceUri\": \"[^\"]*\",?", "");
        assertEquals(APIM, one(body).resourceId());
    }

    @Test
    void aResourceNotificationNamesTheResourceFromResourceInfo() {
        String body = Samples.resourceNotification(APIM).replaceFirst("\"subject\": \"[^\"]*\"",
                "\"subject\": \"" + SUBJECT + "\"");
        ArmEvent e = one(body);
        assertEquals(APIM, e.resourceId());
        assertEquals(ArmEvent.Kind.WRITE, e.kind());
    }

    @Test
    void aResourceNotificationWithoutResourceInfoOrItsIdFallsBackToItsSubject() {
        String withoutId = Samples.resourceNotification(APIM).replaceFirst("\"id\": \"" + APIM + "\",", "");
        assertEquals(APIM, one(withoutId).resourceId());
        String withoutInfo = Samples.resourceNotification(APIM).replaceAll("(?s)\"resourceInfo\": \\{.*?\\},\\s*"
                + "\"operationalInfo\"", "\"operationalInfo\"");
        assertEquals(APIM, one(withoutInfo).resourceId());
    }

    @Test
    void anEventWithoutIdOrSubjectIsKeptWithEmptyFields() {
        ArmEvent e = EventDecoder.toArmEvent(null, "Microsoft.Resources.ResourceWriteSuccess", null, null, null);
        assertEquals("", e.id());
        assertEquals("", e.resourceId());
        assertEquals(Optional.empty(), e.time());
        assertEquals(ArmEvent.Kind.WRITE, e.kind());
        assertEquals(ArmEvent.Kind.OTHER, EventDecoder.toArmEvent("1", "Contoso.Items.ItemReceived", "s", null, null)
                .kind());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void anEventWithoutTypeIsRefused(String type) {
        BadDeliveryException e = assertThrows(BadDeliveryException.class,
                () -> EventDecoder.toArmEvent("7", type, "s", null, null));
        assertEquals("event 7 has no type", e.getMessage());
    }

    @Test
    void malformedPayloadsSayWhichSchemaTheyFailed() {
        BadDeliveryException eg = assertThrows(BadDeliveryException.class,
                () -> EventDecoder.decode("[{\"eventType\": 5", Optional.empty()));
        assertTrue(eg.getMessage().startsWith("not a valid Event Grid schema payload: "), eg.getMessage());
        assertTrue(eg.getMessage().length() > "not a valid Event Grid schema payload: ".length(), eg.getMessage());
        BadDeliveryException ce = assertThrows(BadDeliveryException.class,
                () -> EventDecoder.decode("{\"specversion\": ", Optional.of("application/cloudevents+json")));
        assertTrue(ce.getMessage().startsWith("not a valid CloudEvents 1.0 payload: "), ce.getMessage());
    }

    @Test
    void aJsonNullBodyIsRefusedInWordsOfThePayloadNotOfTheParser() {
        BadDeliveryException e = assertThrows(BadDeliveryException.class, () -> EventDecoder.decode("null",
                Optional.empty()));
        assertTrue(e.getMessage().startsWith("not a valid Event Grid schema payload: "), e.getMessage());
        assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("\"this."), e.getMessage());
    }

    @Test
    void theSchemaComesFromTheContentTypeElseFromTheFields() {
        assertEquals(EventDecoder.Schema.CLOUD_EVENTS, EventDecoder.schemaOf("[]",
                Optional.of("Application/CloudEvents-Batch+JSON; charset=utf-8")));
        assertEquals(EventDecoder.Schema.CLOUD_EVENTS, EventDecoder.schemaOf("{\"specversion\":\"1.0\"}",
                Optional.empty()));
        assertEquals(EventDecoder.Schema.EVENT_GRID, EventDecoder.schemaOf(
                "[{\"specversion\":\"1.0\",\"eventType\":\"x\"}]", Optional.of("application/json")));
        assertEquals(EventDecoder.Schema.EVENT_GRID, EventDecoder.schemaOf("[]", Optional.empty()));
    }

    @Test
    void theFilterNamesEveryVerdictsCounter() {
        EventFilter f = new EventFilter(new ManagedScope(List.of(ArmId.of(APIM)),
                List.of(new DiscoveryScope("22222222-2222-2222-2222-222222222222",
                        Optional.empty(), Map.of()))));
        assertEquals(EventFilter.Verdict.NO_RESOURCE, f.decide(null).verdict());
        assertEquals(EventFilter.Verdict.NO_RESOURCE, f.decide(" ").verdict());
        assertEquals(Optional.of(ArmId.of(APIM)), f.decide(APIM).instance());
        assertEquals(EventFilter.Verdict.RELEVANT,
                f.decide("/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/any/providers/"
                        + "Microsoft.ApiManagement/service/x").verdict());
        assertEquals(EventFilter.Verdict.INVALID_ID,
                f.decide("/subscriptions/s2/resourceGroups/any/providers/Microsoft.ApiManagement/service/x").verdict());
        assertEquals(EventFilter.Verdict.OTHER_TYPE,
                f.decide("/providers/Microsoft.ApiManagement/servicex/a").verdict());
        assertEquals(EventFilter.Verdict.OTHER_TYPE, f.decide("/providers/Microsoft.ApiManagement/service").verdict());
        assertEquals(EventFilter.Verdict.CHILD_RESOURCE, f.decide("/providers/Microsoft.ApiManagement/service/x")
                .verdict(), "an APIM path that is not a whole resource ID");
        assertEquals(Optional.empty(), f.decide(APIM + "/apis/echo").instance());
        assertEquals(List.of("relevant", "dropped-child-resource", "dropped-other-type", "dropped-unmanaged",
                "dropped-no-resource", "dropped-invalid-id"),
                java.util.Arrays.stream(EventFilter.Verdict.values())
                        .map(EventFilter.Verdict::counter).toList());
    }
}
