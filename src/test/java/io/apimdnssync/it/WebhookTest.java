package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.EventStats;
import io.apimdnssync.events.Samples;
import io.apimdnssync.reconcile.StatusStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /api/v1/events with payloads shaped like Microsoft's samples; RestAssured against the running app. */
@QuarkusTest
class WebhookTest extends SandboxTestBase {
    static final String ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";

    @Inject
    EventStats stats;
    @Inject
    StatusStore status;

    RequestSpecification authed() {
        return given().header("X-Apim-Dns-Sync-Secret", "test-secret").contentType("application/json");
    }

    @Test
    void subscriptionValidationHandshake() {
        given().header("aeg-event-type", "SubscriptionValidation").queryParam("code", "test-secret")
                .contentType("application/json").body(Samples.validation("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"))
                .post("/api/v1/events").then().statusCode(200)
                .body("validationResponse", equalTo("512d38b6-c7b8-40c8-89fe-f46f9e9622b6"));
    }

    @Test
    void cloudEventsAbuseProtection() {
        given().header("WebHook-Request-Origin", "eventgrid.azure.net").options("/api/v1/events").then()
                .statusCode(200).header("WebHook-Allowed-Origin", "eventgrid.azure.net");
    }

    @Test
    void authenticationIsCheckedBeforeTheBody() {
        String body = Samples.writeSuccess(ID, Instant.now().toString());
        given().contentType("application/json").body(body).post("/api/v1/events").then().statusCode(401);
        given().header("X-Apim-Dns-Sync-Secret", "wrong").contentType("application/json").body(body)
                .post("/api/v1/events").then().statusCode(401);
        given().queryParam("code", "test-secre").contentType("application/json").body(body)
                .post("/api/v1/events").then().statusCode(401);
        // Unauthenticated garbage is refused as unauthenticated, not parsed.
        given().contentType("application/json").body("{truncated").post("/api/v1/events").then().statusCode(401);
        authed().body(body).post("/api/v1/events").then().statusCode(200);
        given().queryParam("code", "test-secret").contentType("application/json").body(body)
                .post("/api/v1/events").then().statusCode(200);
    }

    @Test
    void writeEventTriggersAReconcileOfThatInstance() {
        sandbox.pass();
        sandbox.complete("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\"],\"delaySeconds\":0.2,\"events\":\"never\"}");
        authed().body(Samples.writeSuccess(ID, Instant.now().toString())).post("/api/v1/events").then().statusCode(200)
                .body("enqueued", equalTo(1));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
    }

    @Test
    void cloudEventsAndResourceNotificationsTriggerToo() {
        authed().contentType("application/cloudevents+json").body(Samples.cloudEvent(ID, Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200).body("enqueued", equalTo(1));
        authed().contentType("application/cloudevents-batch+json")
                .body("[" + Samples.cloudEvent(ID, Instant.now().toString()) + "]")
                .post("/api/v1/events").then().statusCode(200).body("enqueued", equalTo(1));
        authed().body(Samples.resourceNotification(ID)).post("/api/v1/events").then().statusCode(200)
                .body("enqueued", equalTo(1));
    }

    @Test
    void deleteEventRemovesTheOwnedRecords() {
        sandbox.pass();
        sandbox.deleteService("contoso");
        authed().body(Samples.deleteSuccessOldShape(ID)).post("/api/v1/events").then().statusCode(200)
                .body("enqueued", equalTo(1));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertTrue(sandbox.zones().getMap("'" + GW + "'").isEmpty()));
        assertEquals(List.of("10.9.9.9"), sandbox.ips("contoso.com", "portal"));
    }

    @Test
    void badInputIsA4xxAndNeverAWrite() {
        sandbox.pass();
        sandbox.log().clear();
        authed().body("[{\"subject\":\"x\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\"")
                .post("/api/v1/events").then().statusCode(400).body("error", containsString("Event Grid"));
        authed().body("[{\"subject\":\"x\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":5,"
                + "\"id\":\"1\",\"data\":{},\"dataVersion\":\"2\"}]").post("/api/v1/events").then().statusCode(400);
        authed().body("").post("/api/v1/events").then().statusCode(400);
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        authed().body(huge).post("/api/v1/events").then().statusCode(413);
        long unknownBefore = stats.get("dropped-no-resource") + stats.get("dropped-other-type");
        authed().body(Samples.writeSuccess(
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.Storage/storageAccounts/s1",
                Instant.now().toString()).replace("Microsoft.Resources.ResourceWriteSuccess", "Contoso.Custom.Thing"))
                .post("/api/v1/events").then().statusCode(200).body("enqueued", equalTo(0));
        authed().body(Samples.writeSuccess(ID + "/apis/echo-api", Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200).body("enqueued", equalTo(0))
                .body("dropped.dropped-child-resource", equalTo(1));
        assertEquals(unknownBefore + 1, stats.get("dropped-no-resource") + stats.get("dropped-other-type"));
        assertEquals(List.of(), sandbox.writes());
    }

    @Test
    void duplicatedAndOutOfOrderEventsGiveOneCorrectResult() {
        sandbox.pass();
        sandbox.complete("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2,\"events\":\"never\"}");
        String fresh = Samples.writeSuccess(ID, Instant.now().toString());
        String stale = Samples.writeSuccess(ID, Instant.now().minusSeconds(3600).toString());
        sandbox.log().clear();
        Instant sent = Instant.now();
        for (String body : List.of(fresh, fresh, stale, fresh)) {
            authed().body(body).post("/api/v1/events").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        // The events' items have run (the latest report is theirs) and nothing is left queued or running.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertTrue(status.instance(CONTOSO).orElseThrow().at().isAfter(sent), "a report made after the events");
            assertEquals(0, queue.depth().keyed() + queue.depth().running(), "the events' items have all run");
        });
        // Each record was written once however many events arrived: 7 writes, and still 7 after a quiet period.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(7, sandbox.writes().size(), sandbox.writes().toString()));
    }

    @Test
    void aBurstOfEventsYieldsOnePassRunningAndOneQueued() {
        sandbox.pass();
        // The first pass reads the instance slowly, so the rest of the burst arrives while it runs.
        sandbox.fault(
                "{\"kind\":\"latency\",\"latencyMs\":1500,\"method\":\"GET\",\"path\":\".*/service/contoso\",\"count\":1}");
        sandbox.log().clear();
        String body = Samples.writeSuccess(ID, Instant.now().toString());
        for (int i = 0; i < 31; i++) {
            authed().body(body).post("/api/v1/events").then().statusCode(200);
        }
        // Wait until the burst has been worked off: a pass has read the instance and nothing is queued or running.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertTrue(contosoGets() >= 1, "the first pass has read the instance");
            assertEquals(0, queue.depth().keyed() + queue.depth().running(), "the burst has been worked off");
        });
        long passes = contosoGets();
        assertTrue(passes >= 1 && passes <= 2, "31 events: at most one pass running and one queued, got " + passes);
        // ... and no further pass follows.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertEquals(passes, contosoGets(), "no further pass once the burst is worked off"));
    }

    private long contosoGets() {
        return sandbox.log().matching(e -> e.method().equals("GET") && e.pathMatches(".*/service/contoso")).size();
    }

    @Test
    void subscriptionDeletionIsAcknowledged() {
        long before = stats.get("subscription-deleted");
        authed().body("""
            [{"id":"e1","topic":"/subscriptions/x","subject":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/eventSubscriptions/sub1",
              "eventType":"Microsoft.EventGrid.SubscriptionDeletedEvent","eventTime":"2022-10-28T04:23:35Z",
              "data":{"eventSubscriptionId":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/eventSubscriptions/sub1"},
              "dataVersion":"1","metadataVersion":"1"}]
            """).header("aeg-event-type", "SubscriptionDeletion").post("/api/v1/events").then().statusCode(200);
        assertEquals(before + 1, stats.get("subscription-deleted"));
    }

    @Test
    void aValidationEventBesideRealEventsAnswersTheHandshakeAndKeepsTheEvents() {
        String validation = Samples.validation("0f2d7c4e-0000-4000-8000-000000000001").trim();
        String write = Samples.writeSuccess(ID, Instant.now().toString()).trim();
        String both = validation.substring(0, validation.lastIndexOf(']')) + "," + write.substring(1);
        long enqueued = stats.get("enqueued");
        authed().body(both).post("/api/v1/events").then().statusCode(200)
                .body("validationResponse", equalTo("0f2d7c4e-0000-4000-8000-000000000001"));
        assertEquals(enqueued + 1, stats.get("enqueued"), "the write event was enqueued too");
    }

    @Test
    void theSecretMayBeInTheHeaderOrTheQueryAndAWrongOneDoesNotHideTheOther() {
        String body = Samples.writeSuccess(ID, Instant.now().toString());
        given().header("X-Apim-Dns-Sync-Secret", "wrong").queryParam("code", "test-secret")
                .contentType("application/json").body(body).post("/api/v1/events").then().statusCode(200);
        given().header("X-Apim-Dns-Sync-Secret", "test-secret").queryParam("code", "wrong")
                .contentType("application/json").body(body).post("/api/v1/events").then().statusCode(200);
        given().header("X-Apim-Dns-Sync-Secret", "wrong").queryParam("code", "also-wrong")
                .contentType("application/json").body(body).post("/api/v1/events").then().statusCode(401);
        // One value per place: a request carrying many guesses is refused even when one of them is right.
        given().queryParam("code", "guess-1", "guess-2", "test-secret").contentType("application/json").body(body)
                .post("/api/v1/events").then().statusCode(401);
        given().header("X-Apim-Dns-Sync-Secret", "guess").header("X-Apim-Dns-Sync-Secret", "test-secret")
                .contentType("application/json").body(body).post("/api/v1/events").then().statusCode(401);
    }

    @Test
    void otherMethodsAre405WithWhatIsAllowed() {
        given().get("/api/v1/events").then().statusCode(405).header("Allow", "POST, OPTIONS");
        given().put("/api/v1/events").then().statusCode(405);
    }

    @Test
    void abuseProtectionGrantsOnlyTheConfiguredOrigins() {
        given().header("WebHook-Request-Origin", "evil.example.com").options("/api/v1/events").then()
                .statusCode(403).header("WebHook-Allowed-Origin", org.hamcrest.Matchers.nullValue());
        given().header("WebHook-Request-Origin", "EventGrid.Azure.net").options("/api/v1/events").then()
                .statusCode(200);
    }

    @Test
    void onlyJsonTypesAndValidUtf8AreAccepted() {
        String body = Samples.writeSuccess(ID, Instant.now().toString());
        given().header("X-Apim-Dns-Sync-Secret", "test-secret").contentType("text/plain").body(body)
                .post("/api/v1/events").then().statusCode(415);
        given().header("X-Apim-Dns-Sync-Secret", "test-secret").contentType("application/xml").body(body)
                .post("/api/v1/events").then().statusCode(415);
        given().header("X-Apim-Dns-Sync-Secret", "test-secret").contentType("application/json; charset=utf-8")
                .body(body).post("/api/v1/events").then().statusCode(200);
        authed().body(body + " garbage").post("/api/v1/events").then().statusCode(400)
                .body("error", containsString("more content after the JSON value"));
        authed().body(body + body).post("/api/v1/events").then().statusCode(400);
        byte[] bytes = body.replace("contoso", "conto\u00e9so").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length);
        int at = body.indexOf("contoso") + 5;
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28; // an invalid continuation byte
        authed().body(broken).post("/api/v1/events").then().statusCode(400).body("error", containsString("UTF-8"));
    }

    @Test
    void malformedApimIdsAreDroppedBeforeTheyAreEnqueued() {
        long enqueued = stats.get("enqueued");
        for (String bad : List.of(
                "/subscriptions/not-a-guid/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/"
                        + "Microsoft.ApiManagement/service/-bad-name-",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/"
                        + "Microsoft.ApiManagement/service/" + "a".repeat(60))) {
            authed().body(Samples.writeSuccess(bad, Instant.now().toString())).post("/api/v1/events").then()
                    .statusCode(200).body("enqueued", equalTo(0)).body("dropped.dropped-invalid-id", equalTo(1));
        }
        assertEquals(enqueued, stats.get("enqueued"));
    }
}
