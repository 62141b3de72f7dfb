package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.sandbox.RequestLog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Per-instance work items through the real SDK against the sandbox: two instances writing one zone at the same time,
 * reads at the lower bound, retries per key, and a failing write that holds no one else up.
 */
@QuarkusTest
@TestProfile(WorkItemsTest.OneSecondBackoff.class)
class WorkItemsTest extends SandboxTestBase {
    @jakarta.inject.Inject
    io.apimdnssync.reconcile.KnownInstances known;
    static final String FABRIKAM = SandboxDriver.id("fabrikam");

    public static class OneSecondBackoff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.reconcile.backoff-initial", "1s", "apim-dns-sync.reconcile.backoff-max", "1s",
                    "apim-dns-sync.reconcile.workers", "4");
        }
    }

    /** contoso and fabrikam, each with a custom domain in the customer zone contoso.com. */
    void twoInstancesSharingTheCustomerZone() {
        sandbox.addInternalInstance("fabrikam", "10.7.0.4", "20.7.0.4");
        sandbox.addCustomDomain("fabrikam", "shop.contoso.com");
    }

    @Test
    void aRoundListsASharedZoneOnceAndAKeyedItemOnlyItsInstancesZones() {
        twoInstancesSharingTheCustomerZone();
        sandbox.pass();
        sandbox.log().clear();
        ReconcileReport round = sandbox.pass();
        List<String> lists = sandbox.zoneLists(sandbox.log().entries());
        assertEquals(1, lists.stream().filter("contoso.com"::equals).count(), lists.toString());
        assertEquals(lists.size(), lists.stream().distinct().count(), "every zone once per round: " + lists);
        assertEquals(13, lists.size(), "8 seed zones and fabrikam's 5");
        assertEquals(2, round.instances().size());

        sandbox.log().clear();
        join(queue.reconcile(FABRIKAM, Trigger.of("event"), false));
        assertEquals(List.of("contoso.com", "fabrikam.azure-api.net", "fabrikam.developer.azure-api.net",
                "fabrikam.management.azure-api.net", "fabrikam.portal.azure-api.net", "fabrikam.scm.azure-api.net"),
                sandbox.zoneLists(sandbox.log().entries()).stream().sorted().toList());
    }

    @Test
    void twoInstancesWritingOneZoneAtOnceLoseNoUpdate() {
        twoInstancesSharingTheCustomerZone();
        sandbox.pass();
        assertEquals(List.of("10.7.0.4"), sandbox.ips("contoso.com", "shop"));
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\"],\"delaySeconds\":0.2}");
        sandbox.complete("fabrikam", "{\"type\":\"disable-vnet\",\"delaySeconds\":0.2}");
        // Someone else rewrites fabrikam's record just before our write reaches it: our If-Match fails once.
        sandbox.fault("{\"kind\":\"etag-race\",\"method\":\"PUT\",\"path\":\".*/privatednszones/contoso.com/a/shop\","
                + "\"count\":1}");
        sandbox.log().clear();

        CompletableFuture<ReconcileReport> a = queue.reconcile(CONTOSO, Trigger.of("event"), false);
        CompletableFuture<ReconcileReport> b = queue.reconcile(FABRIKAM, Trigger.of("event"), false);
        join(a);
        join(b);

        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips("contoso.com", "api"));
        assertEquals(List.of(sandbox.publicVip("fabrikam")), sandbox.ips("contoso.com", "shop"));
        assertEquals(CONTOSO, sandbox.metadata("contoso.com", "api").get("instance"));
        assertEquals(FABRIKAM, sandbox.metadata("contoso.com", "shop").get("instance"));
        assertEquals(List.of("10.9.9.9"), sandbox.ips("contoso.com", "portal"), "the foreign record is untouched");
        List<Integer> shopWrites = sandbox.writes().stream().filter(e -> e.pathMatches(".*/contoso.com/a/shop"))
                .map(RequestLog.Entry::status).toList();
        assertEquals(List.of(412, 200), shopWrites, "a 412, a re-read, and the write planned on what it read");
    }

    @Test
    void aFailingInstanceHasOneRetryChainHoweverManyRoundsFail() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\",\"3\"],\"delaySeconds\":0.2}");
        sandbox.fault("{\"kind\":\"status\",\"status\":403,\"method\":\"PUT\","
                + "\"path\":\".*/contoso.scm.azure-api.net/a/@\",\"count\":-1}");
        for (int i = 0; i < 3; i++) {
            assertTrue(!sandbox.pass().failures().isEmpty());
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(1, queue.depth().scheduled(),
                "three failed rounds, one pending retry"));
        sandbox.log().clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> scmPuts().size() >= 4);
        List<RequestLog.Entry> attempts = scmPuts();
        for (int i = 1; i < attempts.size(); i++) {
            Duration gap = Duration.between(attempts.get(i - 1).at(), attempts.get(i).at());
            assertTrue(gap.toMillis() >= 900, "one retry chain with a 1 s backoff, not one chain per failed round: "
                    + "attempts " + (i - 1) + " and " + i + " are " + gap.toMillis() + " ms apart");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth().scheduled() == 1);

        sandbox.sandbox().delete("/sandbox/faults").then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of(sandbox.primaryPrivate()),
                sandbox.ips("contoso.scm.azure-api.net", "@")));
        await().atMost(Duration.ofSeconds(3)).until(() -> queue.depth().scheduled() == 0);
        int settled = scmPuts().size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> scmPuts().size() == settled);
    }

    @Test
    void aFailingWriteIsRetriedOnceInTheCallAndHoldsNoOneElseUp() {
        twoInstancesSharingTheCustomerZone();
        sandbox.pass();
        sandbox.complete("fabrikam", "{\"type\":\"disable-vnet\",\"delaySeconds\":0.2}");
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        sandbox.fault("{\"kind\":\"status\",\"status\":500,\"method\":\"PUT\","
                + "\"path\":\".*/fabrikam.azure-api.net/a/@\",\"count\":-1}");
        sandbox.log().clear();
        CompletableFuture<ReconcileReport> failing = queue.reconcile(FABRIKAM, Trigger.of("event"), false);
        CompletableFuture<ReconcileReport> other = queue.reconcile(CONTOSO, Trigger.of("event"), false);

        assertEquals(List.of(), join(other).failures());
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@"));
        ReconcileReport failed = join(failing);
        assertEquals(1, failed.failures().size(), failed.failures().toString());
        assertTrue(failed.failures().get(0).contains("HTTP 500"), failed.failures().toString());
        assertEquals(List.of(sandbox.publicVip("fabrikam")), sandbox.ips("contoso.com", "shop"),
                "the instance's other records went through");
        List<RequestLog.Entry> attempts = sandbox.writes().stream()
                .filter(e -> e.pathMatches(".*/fabrikam.azure-api.net/a/@")).toList();
        assertEquals(2, attempts.size(), "one write and one retry in the call; the queue's backoff retries the rest");
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth().scheduled() == 1);

        sandbox.sandbox().delete("/sandbox/faults").then().statusCode(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> queue.depth().equals(new WorkQueue.Depth(0, 0, 0, 0)));
        assertEquals(List.of(sandbox.publicVip("fabrikam")), sandbox.ips("fabrikam.azure-api.net", "@"),
                "the retry wrote it once the fault was gone");
    }

    @Test
    void aFloodOfMadeUpIdsInScopeDoesNotDelayAKnownInstance() {
        sandbox.pass();
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 400; i++) {
            String e = io.apimdnssync.events.Samples.writeSuccess(SandboxDriver.id("made-up-" + i),
                    java.time.Instant.now().toString()).trim();
            body.append(i == 0 ? "" : ",").append(e, 1, e.length() - 1);
        }
        io.restassured.RestAssured.given().contentType("application/json").queryParam("code", "test-secret")
                .body(body.append("]").toString()).post("/api/v1/events").then().statusCode(200);
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        ReconcileReport r = join(known.reconcile(CONTOSO, Trigger.event("webhook", java.time.Instant.now()), false));
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@"), r.failures().toString());
        assertTrue(queue.depth().resync() > 50, "the made-up IDs still wait behind it: " + queue.depth());
        await().atMost(Duration.ofSeconds(60)).until(() -> queue.depth().equals(new WorkQueue.Depth(0, 0, 0, 0)));
    }

    @Test
    void aKeyNeverSeenWhoseReadFailsKeepsNoRetryChain() {
        sandbox.fault("{\"kind\":\"status\",\"status\":500,\"method\":\"GET\","
                + "\"path\":\".*/service/made-up\",\"count\":-1}");
        ReconcileReport r = join(queue.reconcile(SandboxDriver.id("made-up"), Trigger.of("event"), false));
        assertEquals(io.apimdnssync.source.InstanceRead.Status.FAILED, r.instances().get(0).read().status());
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> queue.depth().scheduled() == 0);
        assertTrue(sandbox.log().entries().stream().filter(e -> e.pathMatches(".*/service/made-up")).count() <= 4,
                "one read (and its in-call retries), no retry chain: " + sandbox.log().entries());
    }

    private List<RequestLog.Entry> scmPuts() {
        return sandbox.writes().stream().filter(e -> e.pathMatches(".*/contoso.scm.azure-api.net/a/@")).toList();
    }

    private static ReconcileReport join(CompletableFuture<ReconcileReport> f) {
        try {
            return f.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
