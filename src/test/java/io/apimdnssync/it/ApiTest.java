package io.apimdnssync.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The HTTP API with RestAssured against the running application. */
@QuarkusTest
class ApiTest extends SandboxTestBase {
    @jakarta.inject.Inject
    io.apimdnssync.reconcile.StatusStore status;

    @Test
    void reconcileThenInspectAnInstance() {
        Management.given().post("/api/v1/reconcile").then().statusCode(200).body("applied", hasSize(8))
                .body("full", equalTo(true));

        Management.given().get("/api/v1/instances").then().statusCode(200)
                .body("find { it.name == 'contoso' }.conflicts", equalTo(1))
                .body("find { it.name == 'contoso' }.desired", equalTo(9))
                .body("find { it.name == 'contoso' }.virtualNetworkType", equalTo("Internal"));

        Management.given().get("/api/v1/instances/contoso").then().statusCode(200)
                .body("verdict", equalTo("publish"))
                .body("desired.fqdn", hasItem("contoso-northeurope-01.regional.azure-api.net"))
                .body("actual.'contoso.azure-api.net'[0].ips", equalTo(List.of("10.1.0.10")))
                .body("conflicts[0].name", equalTo("portal.contoso.com"))
                .body("snapshot.locations", hasSize(2));

        Management.given().get("/api/v1/instances/nope").then().statusCode(404).body("error", containsString("nope"));
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void planShowsWhatWouldChangeAndWritesNothing() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"3\"],\"delaySeconds\":0.2}");
        sandbox.log().clear();
        Management.given().get("/api/v1/plan").then().statusCode(200).body("dryRun", equalTo(true))
                .body("planned", hasSize(7)).body("applied", hasSize(0));
        assertEquals(List.of(), sandbox.writes());

        Management.given().post("/api/v1/instances/contoso/reconcile").then().statusCode(200)
                .body("full", equalTo(false))
                .body("applied", hasSize(7));
        Management.given().post("/api/v1/instances/nope/reconcile").then().statusCode(404);
    }

    @Test
    void anInstanceIsNamedByItsResourceIdWithItsSlashesAsTheyAre() {
        sandbox.pass();
        String id = "/subscriptions/" + SandboxDriver.SUB
                + "/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";
        Management.given().get("/api/v1/instances" + id).then().statusCode(200).body("name", equalTo("contoso"));
        Management.given().post("/api/v1/instances" + id + "/reconcile").then().statusCode(200)
                .body("full", equalTo(false))
                .body("trigger", equalTo("api")).body("failures", hasSize(0));

        sandbox.log().clear();
        Management.given()
                .post("/api/v1/instances/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers/"
                        + "Microsoft.ApiManagement/service/elsewhere/reconcile")
                .then().statusCode(404)
                .body("error", containsString("not in the configured scope"));
        Management.given()
                .post("/api/v1/instances/subscriptions/x/resourceGroups/y/providers/Microsoft.Web/sites/z/reconcile")
                .then().statusCode(400).body("error", containsString("not an APIM resource ID"));
        assertEquals(List.of(), sandbox.log().entries(), "nothing outside the scope is looked up");
        Management.given().post("/api/v1/instances/contoso/reconcile?wait=false").then().statusCode(202);
        Management.given().post("/api/v1/reconcile?force=banana").then().statusCode(400);
        Management.given().post("/api/v1/instances/contoso/reconcile?wait=maybe").then().statusCode(400);
    }

    @Test
    void planRunsThroughTheQueueOnceForConcurrentCallersAndIsThenServedFromTheLatestDryRun() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        sandbox.log().clear();
        List<CompletableFuture<Integer>> callers = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> Management.given().get("/api/v1/plan").then().statusCode(200).body("planned", hasSize(7))
                        .extract().<Integer>path("pass")))
                .toList();
        Set<Integer> passes = callers.stream().map(CompletableFuture::join).collect(Collectors.toSet());
        assertEquals(1, passes.size(), "eight callers, one dry run: " + passes);
        List<String> lists = sandbox.zoneLists(sandbox.log().entries());
        assertEquals(lists.size(), lists.stream().distinct().count(), "each zone listed once: " + lists);
        int reads = sandbox.log().entries().size();

        Management.given().get("/api/v1/plan").then().statusCode(200).body("pass", equalTo(passes.iterator().next()));
        assertEquals(reads, sandbox.log().entries().size(), "within plan-min-interval: no ARM read at all");
        assertEquals(List.of(), sandbox.writes());
        Management.given().get("/api/v1/instances/contoso").then().statusCode(200)
                .body("actual.'contoso.azure-api.net'[0].ips", equalTo(List.of("10.1.0.10")));
    }

    @Test
    void thePublicPortServesNeitherTheApiNorHealth() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(404);
        int api = io.restassured.RestAssured.given().get("/api/v1/instances").statusCode();
        assertTrue(api == 401 || api == 404, "the API is not served on the public port: " + api);
        Management.given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aFloodOfMadeUpIdsLeavesNothingBehind() {
        sandbox.pass();
        int rows = status.instances().size();
        int tracked = gone.tracked();
        sandbox.log().clear();
        for (int i = 0; i < 300; i++) {
            Management.given().post("/api/v1/instances/subscriptions/" + java.util.UUID.randomUUID()
                    + "/resourceGroups/x/providers/Microsoft.ApiManagement/service/made-up-" + i + "/reconcile")
                    .then().statusCode(404);
        }
        assertEquals(List.of(), sandbox.log().entries(), "foreign subscriptions: no ARM call, no client");
        for (int i = 0; i < 20; i++) {
            Management.given().post("/api/v1/instances" + SandboxDriver.id("made-up-" + i) + "/reconcile")
                    .then().statusCode(200).body("failures", hasSize(0));
        }
        assertEquals(20, sandbox.log().entries().size(), "one GET each for IDs in scope: " + sandbox.log().entries());
        assertEquals(rows, status.instances().size(), "no status row for an instance that never existed");
        assertEquals(0, queue.depth().scheduled(), "no retry or recheck kept for them");
        assertTrue(gone.tracked() <= tracked + 20);
    }
}
