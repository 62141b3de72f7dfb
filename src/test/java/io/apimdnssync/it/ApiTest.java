package io.apimdnssync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
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
}
