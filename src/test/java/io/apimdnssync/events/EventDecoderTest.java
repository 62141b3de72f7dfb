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
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {
    static final String APIM = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";

    @Test
    void validationHandshakeCode() {
        List<ArmEvent> e = EventDecoder.decode(Samples.validation("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"),
                Optional.empty());
        assertEquals(ArmEvent.Kind.VALIDATION, e.get(0).kind());
        assertEquals("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", e.get(0).validationCode());
    }

    @Test
    void writeSuccessNamesTheResourceFromItsData() {
        List<ArmEvent> e = EventDecoder.decode(Samples.writeSuccess(APIM, "2018-07-19T18:38:04.6117357Z"),
                Optional.empty());
        assertEquals(ArmEvent.Kind.WRITE, e.get(0).kind());
        assertEquals(APIM, e.get(0).resourceId());
        assertEquals("2018-07-19T18:38:04.611735700Z", e.get(0).time().orElseThrow().toInstant().toString());
    }

    @Test
    void olderSampleWithStringAuthorizationStillNamesTheResource() {
        List<ArmEvent> e = EventDecoder.decode(Samples.deleteSuccessOldShape(APIM), Optional.empty());
        assertEquals(ArmEvent.Kind.DELETE, e.get(0).kind());
        assertEquals(APIM, e.get(0).resourceId());
    }

    @Test
    void cloudEventsSingleAndBatch() {
        String one = Samples.cloudEvent(APIM, "2018-07-19T18:38:04.6117357Z");
        assertEquals(APIM, EventDecoder.decode(one, Optional.of("application/cloudevents+json")).get(0).resourceId());
        List<ArmEvent> batch = EventDecoder.decode("[" + one + "," + one + "]",
                Optional.of("application/cloudevents-batch+json; charset=utf-8"));
        assertEquals(2, batch.size());
        assertEquals(1, EventDecoder.decode(one, Optional.empty()).size(), "schema detected without a content type");
    }

    @Test
    void resourceNotificationsNameTheResourceFromResourceInfo() {
        List<ArmEvent> e = EventDecoder.decode(Samples.resourceNotification(APIM), Optional.empty());
        assertEquals(ArmEvent.Kind.WRITE, e.get(0).kind());
        assertEquals(APIM, e.get(0).resourceId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"subject\":\"x\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":\"2018-07-19T18:38:04Z\",\"id\":\"1\",\"data\":{},\"dataVersion\":\"2\"",
            "[{\"subject\":\"x\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":5,\"id\":\"1\",\"data\":{},\"dataVersion\":\"2\"}]",
            "{\"not\":\"an event\"}",
            "'   '",
    })
    void malformedDeliveriesAreClearErrors(String body) {
        BadDeliveryException e = assertThrows(BadDeliveryException.class,
                () -> EventDecoder.decode(body, Optional.empty()));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    static ManagedScope scope() {
        return new ManagedScope(List.of(), List.of(new DiscoveryScope("00000000-0000-0000-0000-000000000000",
                Optional.of("rg-apim"), Map.of())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso, RELEVANT",
            "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG-APIM/providers/microsoft.apimanagement/SERVICE/contoso, RELEVANT",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso/apis/echo, CHILD_RESOURCE",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso/policies/policy, CHILD_RESOURCE",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.Storage/storageAccounts/x, OTHER_TYPE",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other/providers/Microsoft.ApiManagement/service/contoso, UNMANAGED",
            "/subscriptions/11111111-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso, UNMANAGED",
    })
    void relevanceFilter(String resource, EventFilter.Verdict verdict) {
        assertEquals(verdict, new EventFilter(scope()).decide(resource).verdict());
    }

    @Test
    void relevantIdsAreCanonical() {
        ArmId id = new EventFilter(scope()).decide(APIM.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/"))
                .instance().orElseThrow();
        assertEquals(APIM.toLowerCase(), id.key());
    }
}
