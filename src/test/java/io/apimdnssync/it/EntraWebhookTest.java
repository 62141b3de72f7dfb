package io.apimdnssync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.apimdnssync.events.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A webhook secured with Microsoft Entra ID: tokens signed by a local key, published as a JWKS by the sandbox. */
@QuarkusTest
@TestProfile(EntraWebhookTest.Entra.class)
class EntraWebhookTest extends SandboxTestBase {
    static final String ISSUER = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000ee/v2.0";
    static final String AUDIENCE = "api://apim-dns-sync";
    static final String ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso";
    static final RsaJsonWebKey KEY = EntraTokens.key("test-key");
    static final RsaJsonWebKey OTHER_KEY = EntraTokens.key("test-key");

    public static class Entra implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "apim-dns-sync.sandbox.port", "18644",
                    "apim-dns-sync.events.webhook.secret", "",
                    "apim-dns-sync.events.webhook.entra.enabled", "true",
                    "apim-dns-sync.events.webhook.entra.jwks-url", "http://localhost:18644/sandbox/jwks",
                    "apim-dns-sync.events.webhook.entra.issuers", ISSUER,
                    "apim-dns-sync.events.webhook.entra.audience", AUDIENCE);
        }
    }

    @BeforeEach
    void publishKey() {
        sandbox.sandbox().body(new JsonWebKeySet(KEY).toJson()).put("/sandbox/jwks").then().statusCode(204);
    }

    static String token(RsaJsonWebKey key, String audience, List<String> roles, long expiresInSeconds) {
        return EntraTokens.token(key, ISSUER, audience, roles, expiresInSeconds, Map.of("sub", "eventgrid"));
    }

    int post(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Samples.writeSuccess(ID, Instant.now().toString())).post("/api/v1/events").statusCode();
    }

    @Test
    void validTokenWithTheSubscriberRoleIsAccepted() throws Exception {
        given().header("Authorization",
                "Bearer " + token(KEY, AUDIENCE, List.of("AzureEventGridSecureWebhookSubscriber"), 300))
                .contentType("application/json").body(Samples.writeSuccess(ID, Instant.now().toString()))
                .post("/api/v1/events").then().statusCode(200).body("enqueued", equalTo(1));
    }

    @Test
    void expiredWrongAudienceWrongKeyAndMissingRoleAreRefused() throws Exception {
        List<String> role = List.of("AzureEventGridSecureWebhookSubscriber");
        org.junit.jupiter.api.Assertions.assertEquals(401, post(token(KEY, AUDIENCE, role, -600)), "expired");
        org.junit.jupiter.api.Assertions.assertEquals(401, post(token(KEY, "api://someone-else", role, 300)),
                "audience");
        org.junit.jupiter.api.Assertions.assertEquals(401, post(token(OTHER_KEY, AUDIENCE, role, 300)), "signature");
        given().header("Authorization", "Bearer " + token(KEY, AUDIENCE, List.of("Reader"), 300))
                .contentType("application/json").body("{}").post("/api/v1/events").then().statusCode(401)
                .body("error", containsString("AzureEventGridSecureWebhookSubscriber"));
        given().contentType("application/json").body("{}").post("/api/v1/events").then().statusCode(401);
    }
}
