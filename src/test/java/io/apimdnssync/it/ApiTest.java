package io.apimdnssync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void reconcileThenInspectAnInstance() {
        given().post("/api/v1/reconcile").then().statusCode(200).body("applied", hasSize(8))
                .body("full", equalTo(true));

        given().get("/api/v1/instances").then().statusCode(200)
                .body("find { it.name == 'contoso' }.conflicts", equalTo(1))
                .body("find { it.name == 'contoso' }.desired", equalTo(9))
                .body("find { it.name == 'contoso' }.virtualNetworkType", equalTo("Internal"));

        given().get("/api/v1/instances/contoso").then().statusCode(200)
                .body("verdict", equalTo("publish"))
                .body("desired.fqdn", hasItem("contoso-northeurope-01.regional.azure-api.net"))
                .body("actual.'contoso.azure-api.net'[0].ips", equalTo(List.of("10.1.0.10")))
                .body("conflicts[0].name", equalTo("portal.contoso.com"))
                .body("snapshot.locations", hasSize(2));

        given().get("/api/v1/instances/nope").then().statusCode(404).body("error", containsString("nope"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void planShowsWhatWouldChangeAndWritesNothing() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"3\"],\"delaySeconds\":0.2}");
        sandbox.log().clear();
        given().get("/api/v1/plan").then().statusCode(200).body("dryRun", equalTo(true))
                .body("planned", hasSize(7)).body("applied", hasSize(0));
        assertEquals(List.of(), sandbox.writes());

        given().post("/api/v1/instances/contoso/reconcile").then().statusCode(200).body("full", equalTo(false))
                .body("applied", hasSize(7));
        given().post("/api/v1/instances/nope/reconcile").then().statusCode(404);
    }

    @Test
    void anInstanceIsNamedByItsResourceIdWithItsSlashesAsTheyAre() {
        sandbox.pass();
        String id = "/subscriptions/" + SandboxDriver.SUB
                + "/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";
        given().get("/api/v1/instances" + id).then().statusCode(200).body("name", equalTo("contoso"));
        given().post("/api/v1/instances" + id + "/reconcile").then().statusCode(200).body("full", equalTo(false))
                .body("trigger", equalTo("api")).body("failures", hasSize(0));

        sandbox.log().clear();
        given().post("/api/v1/instances/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/x/providers/"
                + "Microsoft.ApiManagement/service/elsewhere/reconcile").then().statusCode(404)
                .body("error", containsString("not in the configured scope"));
        given().post("/api/v1/instances/subscriptions/x/resourceGroups/y/providers/Microsoft.Web/sites/z/reconcile")
                .then().statusCode(400).body("error", containsString("not an APIM resource ID"));
        assertEquals(List.of(), sandbox.log().entries(), "nothing outside the scope is looked up");
        given().post("/api/v1/instances/contoso/reconcile?wait=false").then().statusCode(202);
    }

    @Test
    void planRunsThroughTheQueueOnceForConcurrentCallersAndIsThenServedFromTheLatestDryRun() {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
        sandbox.log().clear();
        List<CompletableFuture<Integer>> callers = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> given().get("/api/v1/plan").then().statusCode(200).body("planned", hasSize(7))
                        .extract().<Integer>path("pass")))
                .toList();
        Set<Integer> passes = callers.stream().map(CompletableFuture::join).collect(Collectors.toSet());
        assertEquals(1, passes.size(), "eight callers, one dry run: " + passes);
        List<String> lists = sandbox.zoneLists(sandbox.log().entries());
        assertEquals(lists.size(), lists.stream().distinct().count(), "each zone listed once: " + lists);
        int reads = sandbox.log().entries().size();

        given().get("/api/v1/plan").then().statusCode(200).body("pass", equalTo(passes.iterator().next()));
        assertEquals(reads, sandbox.log().entries().size(), "within plan-min-interval: no ARM read at all");
        assertEquals(List.of(), sandbox.writes());
        given().get("/api/v1/instances/contoso").then().statusCode(200)
                .body("actual.'contoso.azure-api.net'[0].ips", equalTo(List.of("10.1.0.10")));
    }
}
