package io.apimdnssync.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * api.exposure=management without authentication: the management port listens on every interface here (as in a pod),
 * and a caller that reaches it through another address than loopback — Prometheus, another pod, a Service — may read
 * but not act; from loopback (kubectl port-forward, exec) actions are taken.
 */
@QuarkusTest
@TestProfile(ManagementActionsTest.AllInterfaces.class)
class ManagementActionsTest extends SandboxTestBase {
    public static class AllInterfaces implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.management.host", "0.0.0.0");
        }
    }

    /** An address of this machine that is not loopback: connecting to it, the caller's address is not loopback. */
    static Optional<String> nonLoopback() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void actionsOnlyFromLoopbackReadsFromAnywhere() throws Exception {
        Optional<String> address = nonLoopback();
        assumeTrue(address.isPresent(), "this machine has no non-loopback IPv4 address");
        int port = java.net.URI.create(io.quarkus.test.common.http.TestHTTPResourceManager.getManagementUri())
                .getPort();
        String remote = "http://" + address.get() + ":" + port;
        RestAssured.given().baseUri(remote).get("/api/v1/instances").then().statusCode(200);
        RestAssured.given().baseUri(remote).get("/q/health/live").then().statusCode(200);
        RestAssured.given().baseUri(remote).queryParam("force", "true").post("/api/v1/reconcile").then()
                .statusCode(403).body("error", Matchers.containsString("loopback only"));
        RestAssured.given().baseUri(remote).post("/api/v1/instances/contoso/reconcile").then().statusCode(403);
        Management.given().queryParam("wait", "false").post("/api/v1/reconcile").then().statusCode(202);
    }
}
