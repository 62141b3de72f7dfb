package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.Samples;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.source.InstanceRead;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 404 deletes nothing until it is confirmed: by a second 404 at least {@code gone-confirm-after} later together
 * with the instance's absence from its resource group's list, or by an ARM delete event. The window is 3 s here.
 */
@QuarkusTest
@TestProfile(GoneTest.ShortWindow.class)
class GoneTest extends SandboxTestBase {
    static final String GET_CONTOSO = "{\"kind\":\"status\",\"status\":404,\"method\":\"GET\","
            + "\"path\":\".*/service/contoso\",\"count\":%d}";

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.gone-confirm-after", "3s");
        }
    }

    @Inject
    StatusStore status;

    @Test
    void oneTransient404DeletesNothing() {
        sandbox.pass();
        sandbox.fault(GET_CONTOSO.formatted(1));
        sandbox.log().clear();
        ReconcileReport r = reconcile();

        assertEquals(List.of(), sandbox.writes(), "no record deleted on one 404");
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
        assertEquals(InstanceRead.Status.GONE_UNCONFIRMED, status.instance(CONTOSO).orElseThrow().read().status());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.HELD
                && f.message().startsWith("gone-unconfirmed")), r.findings().toString());

        // The recheck after the window reads it again: a 200, and nothing was ever deleted.
        await().atMost(Duration.ofSeconds(15)).until(() -> status.instance(CONTOSO).orElseThrow().read()
                .status() == InstanceRead.Status.FOUND);
        assertTrue(sandbox.writes().stream().noneMatch(e -> e.method().equals("DELETE")));
    }

    @Test
    void repeated404sWithinTheWindowHoldAndTheListConfirmsAfterIt() {
        sandbox.pass();
        sandbox.deleteServiceWithoutEvent("contoso");
        sandbox.log().clear();
        reconcile();
        reconcile();
        assertEquals(List.of(), sandbox.writes(), "two 404s less than the window apart confirm nothing");
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));

        // The queue looks again once the window has passed: a 404, and the resource group's list lacks it.
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.zones().getMap("'" + GW + "'").isEmpty());
        assertEquals(8, sandbox.writes().stream().filter(e -> e.method().equals("DELETE")).count());
        assertTrue(sandbox.log().entries().stream().anyMatch(e -> e.method().equals("GET")
                && e.pathMatches(".*/resourcegroups/rg-apim/providers/microsoft.apimanagement/service")),
                "the resource group's list was read");
        assertEquals(InstanceRead.Status.GONE, status.instance(CONTOSO).orElseThrow().read().status());
    }

    @Test
    void a404ForAnInstanceTheListStillShowsIsNotBelieved() {
        sandbox.pass();
        sandbox.fault(GET_CONTOSO.formatted(-1));
        sandbox.log().clear();
        reconcile();
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.log().entries().stream().anyMatch(
                e -> e.pathMatches(".*/resourcegroups/rg-apim/providers/microsoft.apimanagement/service")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(
                () -> sandbox.writes().isEmpty());
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
        assertTrue(status.instance(CONTOSO).orElseThrow().read().error().contains("is in its resource group's list"),
                status.instance(CONTOSO).orElseThrow().read().error());

        sandbox.sandbox().delete("/sandbox/faults").then().statusCode(204);
        await().atMost(Duration.ofSeconds(15)).until(() -> status.instance(CONTOSO).orElseThrow().read()
                .status() == InstanceRead.Status.FOUND);
    }

    @Test
    void aDeleteEventConfirmsAtOnce() {
        sandbox.pass();
        sandbox.deleteServiceWithoutEvent("contoso");
        sandbox.log().clear();
        given().contentType("application/json").header("aeg-event-type", "Notification")
                .queryParam("code", "test-secret").body(Samples.deleteSuccessOldShape(SandboxDriver.id("contoso"))
                        .replace("2017-11-07T21:24:19.6959483Z", java.time.Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.zones().getMap("'" + GW + "'").isEmpty());
        assertTrue(sandbox.log().entries().stream().noneMatch(e -> e.pathMatches(
                ".*/resourcegroups/rg-apim/providers/microsoft.apimanagement/service")), "no list needed");
    }

    @Test
    void theOrphanSweepFollowsTheSameRule() {
        sandbox.pass();
        sandbox.deleteServiceWithoutEvent("contoso");
        sandbox.log().clear();
        ReconcileReport round = sandbox.pass();
        assertTrue(sandbox.writes().stream().noneMatch(e -> e.method().equals("DELETE")),
                "the round's sweep deletes nothing on a 404: " + sandbox.writes());
        assertTrue(round.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.HELD
                && f.message().startsWith("gone-unconfirmed")), round.findings().toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.zones().getMap("'" + GW + "'").isEmpty());
    }

    @Test
    void ownerKeysThatAreNotApimIdsOfTheScopeAreNeverLookedUp() {
        sandbox.pass();
        for (String owner : List.of("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ApiManagement/"
                + "service/x",
                "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
                        + "Microsoft.ApiManagement/service/-bad",
                "https://evil.example.com/x")) {
            sandbox.putRecord("contoso.com", "o" + Math.abs(owner.hashCode()), "{\"ips\":[\"10.9.9.9\"],"
                    + "\"metadata\":{\"managed-by\":\"apim-dns-sync\",\"owner-id\":\"apim-dns-sync\","
                    + "\"instance\":\"" + owner + "\"}}");
        }
        sandbox.log().clear();
        ReconcileReport round = sandbox.pass();
        assertTrue(sandbox.log().entries().stream().noneMatch(e -> e.pathMatches(".*/service/(x|-bad)")
                || e.pathMatches(".*/subscriptions/not-a-guid.*")), sandbox.log().entries().toString());
        assertEquals(3, round.findings().stream().filter(f -> f.kind() == Finding.Kind.OUT_OF_SCOPE).count(),
                round.findings().toString());
        assertTrue(sandbox.writes().isEmpty(), "their records are left as they are");
    }

    @Test
    void aMadeUpIdLeavesNothingBehind() {
        int tracked = gone.tracked();
        ReconcileReport r = join(queue.reconcile(SandboxDriver.id("made-up"), Trigger.of("api"), false));
        assertEquals(0, r.applied().size());
        assertTrue(status.instance(SandboxDriver.id("made-up")).isEmpty(), "no status row");
        assertEquals(0, queue.depth().scheduled(), "no recheck for an instance that owns nothing");
        assertTrue(gone.tracked() <= tracked + 1);
    }

    private ReconcileReport reconcile() {
        return join(queue.reconcile(CONTOSO, Trigger.of("event"), false));
    }

    private static ReconcileReport join(java.util.concurrent.CompletableFuture<ReconcileReport> f) {
        try {
            return f.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
