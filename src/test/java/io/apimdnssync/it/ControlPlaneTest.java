package io.apimdnssync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.events.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane with api.exposure=authenticated: the API on the public port behind Microsoft Entra ID access
 * tokens validated by quarkus-oidc (Entra itself cannot run here: tokens are signed by a local key whose JWKS the
 * sandbox publishes, with Entra's v2 claims), app roles per method, force audited; health only on the management
 * port; the webhook keeps its own authentication.
 */
@QuarkusTest
@TestProfile(ControlPlaneTest.Authenticated.class)
class ControlPlaneTest extends SandboxTestBase {
    static final String TENANT = "00000000-0000-0000-0000-0000000000ee";
    static final String ISSUER = "https://login.microsoftonline.com/" + TENANT + "/v2.0";
    static final String AUDIENCE = "api://apim-dns-sync";
    static final String READER = "ApimDnsSync.Reader";
    static final String OPERATOR = "ApimDnsSync.Operator";
    static final RsaJsonWebKey KEY = EntraTokens.key("control-key");
    static final RsaJsonWebKey OTHER_KEY = EntraTokens.key("control-key");

    public static class Authenticated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "apim-dns-sync.sandbox.port", "18645",
                    "apim-dns-sync.api.exposure", "authenticated",
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://localhost:18645/" + TENANT + "/v2.0",
                    "quarkus.oidc.discovery-enabled", "false",
                    "quarkus.oidc.jwks-path", "http://localhost:18645/sandbox/jwks",
                    "quarkus.oidc.jwks.resolve-early", "false",
                    "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.token.audience", AUDIENCE);
        }
    }

    @BeforeEach
    void publishKey() {
        sandbox.sandbox().body(new JsonWebKeySet(KEY).toJson()).put("/sandbox/jwks").then().statusCode(204);
    }

    static String token(RsaJsonWebKey key, String audience, List<String> roles, long expiresInSeconds) {
        return EntraTokens.token(key, ISSUER, audience, roles, expiresInSeconds, Map.of("sub", "operator-subject",
                "oid", "11111111-2222-3333-4444-555555555555", "azp", "99999999-8888-7777-6666-555555555555", "tid",
                TENANT, "ver", "2.0"));
    }

    static RequestSpecification as(List<String> roles) {
        return given().header("Authorization", "Bearer " + token(KEY, AUDIENCE, roles, 300));
    }

    @Test
    void healthIsOnTheManagementPortOnly() {
        given().get("/q/health/live").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        Management.given().get("/q/health/live").then().statusCode(200);
        Management.given().get("/api/v1/instances").then().statusCode(404);
    }

    @Test
    void noTokenOrABadOneIsRefused() {
        given().get("/api/v1/instances").then().statusCode(401);
        given().post("/api/v1/reconcile").then().statusCode(401);
        List<String> reader = List.of(READER);
        assertEquals(401, given().header("Authorization", "Bearer " + token(KEY, AUDIENCE, reader, -600))
                .get("/api/v1/instances").statusCode(), "expired");
        assertEquals(401, given().header("Authorization", "Bearer " + token(KEY, "api://someone-else", reader, 300))
                .get("/api/v1/instances").statusCode(), "audience");
        assertEquals(401, given().header("Authorization", "Bearer " + token(OTHER_KEY, AUDIENCE, reader, 300))
                .get("/api/v1/instances").statusCode(), "signature");
        assertEquals(403, as(List.of("Something.Else")).get("/api/v1/instances").statusCode(), "no API role");
    }

    @Test
    void theReaderReadsButCannotReconcileOrForce() {
        sandbox.pass();
        as(List.of(READER)).get("/api/v1/instances").then().statusCode(200).body("[0].name", equalTo("contoso"));
        as(List.of(READER)).get("/api/v1/queue").then().statusCode(200);
        sandbox.log().clear();
        try (LogCapture audit = new LogCapture("io.apimdnssync.audit")) {
            as(List.of(READER)).post("/api/v1/reconcile?force=true").then().statusCode(403);
            assertEquals(1, audit.at(Level.WARNING, "refused POST /api/v1/reconcile with force").size(),
                    audit.lines.toString());
        }
        as(List.of(READER)).post("/api/v1/instances/contoso/reconcile").then().statusCode(403);
        assertEquals(List.of(), sandbox.log().entries(), "a refused call costs no ARM read");
    }

    @Test
    void theOperatorReconcilesAndForceIsAudited() {
        try (LogCapture audit = new LogCapture("io.apimdnssync.audit")) {
            as(List.of(OPERATOR)).post("/api/v1/reconcile?force=true").then().statusCode(200)
                    .body("full", equalTo(true));
            List<String> lines = audit.at(Level.WARNING, "with force");
            assertEquals(1, lines.size(), audit.lines.toString());
            assertTrue(lines.get(0).contains("oid=11111111-2222-3333-4444-555555555555")
                    && lines.get(0).contains(OPERATOR) && lines.get(0).startsWith("reconcile all"), lines.get(0));
            assertTrue(audit.lines.stream().noneMatch(l -> l.message().contains("eyJ")), "no token in the log");
        }
    }

    @Test
    void theWebhookKeepsItsOwnAuthentication() {
        given().contentType("application/json").header("aeg-event-type", "Notification")
                .queryParam("code", "test-secret").body(Samples.writeSuccess(SandboxDriver.id("contoso"),
                        Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200).body("enqueued", equalTo(1));
        given().contentType("application/json").body("[]").post("/api/v1/events").then().statusCode(401);
    }

    @Test
    void noPathTrickReachesTheApiWithoutAToken() {
        for (String path : List.of("/api/v1/events/../instances", "/api/v1/events/%2E%2E/instances",
                "/api/v1/events%2F..%2Finstances", "//api/v1/instances", "/api/v1//instances", "/api/v1/instances/",
                "/API/V1/instances", "/api/v1/events;x/../instances")) {
            int get = given().urlEncodingEnabled(false).get(path).statusCode();
            int post = given().urlEncodingEnabled(false).post(path.replace("instances", "reconcile")).statusCode();
            assertTrue(get != 200 && get < 500, path + " GET -> " + get);
            assertTrue(post != 200 && post != 202 && post < 500, path + " POST -> " + post);
        }
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            int code = given().request(method, "/api/v1/instances").statusCode();
            assertTrue(code == 401 || code == 403 || code == 404 || code == 405, method + " -> " + code);
        }
    }
}
