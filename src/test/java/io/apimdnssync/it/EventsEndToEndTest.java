package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.events.ChangeWatch;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's operations emit ARM events to the daemon's webhook, as Event Grid would. */
@QuarkusTest
class EventsEndToEndTest extends SandboxTestBase {
    @Inject
    ChangeWatch watch;

    @BeforeEach
    void pointEventsAtTheWebhook() {
        sandbox.sandbox().body("{\"webhookUrl\":\"http://localhost:" + RestAssured.port
                + "/api/v1/events?code=test-secret\"}").put("/sandbox/events").then().statusCode(204);
        sandbox.pass();
        sandbox.log().clear();
    }

    @AfterEach
    void stopEvents() {
        sandbox.sandbox().body("{}").put("/sandbox/events").then().statusCode(204);
    }

    @Test
    void zoneRedundancyChangeIsRewrittenRightAfterTheUpdateCompletes() {
        long op = sandbox.operation("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\",\"3\"],\"delaySeconds\":1}");
        sandbox.awaitCompleted(op);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        java.time.Instant completed = control.operations().stream().filter(o -> o.id() == op).findFirst().orElseThrow()
                .completedAt().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> Management.given().get("/api/v1/stale-windows")
                .then().statusCode(200)
                .body("recent.find { it.fqdn == 'contoso.azure-api.net' && it.after == ['" + sandbox.primaryPrivate()
                        + "'] }.completionSource",
                        org.hamcrest.Matchers.equalTo("event"))
                .body("recent.find { it.fqdn == 'contoso.azure-api.net' && it.after == ['" + sandbox.primaryPrivate()
                        + "'] }.completedAt",
                        org.hamcrest.Matchers.equalTo(completed.toString())));
    }

    @Test
    void droppedEventsAreCaughtByTheChangeWatch() {
        long op = sandbox.operation("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.3,\"events\":\"never\"}");
        sandbox.awaitCompleted(op);
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"), "no event, no pass yet");
        Set<String> triggered = watch.check();
        assertEquals(Set.of(CONTOSO), triggered);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertEquals(Set.of(), watch.check(), "nothing differs once the pass is recorded"));
        // One round of the watch costs one paged APIM list (keyed passes GET their instance, they never list).
        long before = apimLists();
        watch.check();
        assertEquals(before + 1, apimLists());
    }

    private long apimLists() {
        return sandbox.log().matching(e -> e.method().equals("GET")
                && e.pathMatches(".*/providers/microsoft.apimanagement/service")).size();
    }

    @Test
    void lateEventsStillConverge() {
        long op = sandbox.operation("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\"],\"delaySeconds\":0.3,"
                + "\"events\":\"late\",\"eventDelaySeconds\":1.5}");
        sandbox.awaitCompleted(op);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
    }

    @Test
    void duplicatedAndOutOfOrderEventsGiveOneCorrectResult() {
        long op = sandbox.operation("contoso",
                "{\"type\":\"set-zones\",\"zones\":[\"3\"],\"delaySeconds\":0.3,\"events\":\"twice\"}");
        sandbox.awaitCompleted(op);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@")));
        long op2 = sandbox.operation("contoso",
                "{\"type\":\"set-mode\",\"mode\":\"External\",\"delaySeconds\":0.3,\"events\":\"out-of-order\"}");
        sandbox.awaitCompleted(op2);
        String pub = emulator.state().serviceByName("contoso").orElseThrow().path("properties")
                .path("publicIPAddresses").get(0).asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(List.of(pub), sandbox.ips(GW, "@")));
        // Exactly these writes and no more: the count reaches 15 and stays there over a quiet period.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(7 + 8, sandbox.writes().size(),
                        "7 primary names, then all 8 names once each, however many events"));
    }
}
