package io.apimdnssync.events;

import io.apimdnssync.config.SyncConfig;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Authenticates a webhook request from its headers and query alone, before the body is read: a shared secret
 * (constant-time comparison) and/or a Microsoft Entra ID token with the Event Grid subscriber app role.
 */
final class WebhookAuth {
    private final SyncConfig.Webhook config;
    private final JwtConsumer jwt;

    /** Empty when authenticated; otherwise why not. */
    record Outcome(boolean ok, String reason) {
    }

    WebhookAuth(SyncConfig.Webhook config) {
        this.config = config;
        SyncConfig.Entra e = config.entra();
        if (e.enabled()) {
            // ConfigCheck has made sure all three are set.
            String jwks = e.jwksUrl().orElseThrow();
            List<String> issuers = e.issuers().orElseThrow();
            String audience = e.audience().orElseThrow();
            jwt = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(jwks)))
                    .setExpectedIssuers(true, issuers.toArray(String[]::new))
                    .setExpectedAudience(audience)
                    .setRequireExpirationTime()
                    .setAllowedClockSkewInSeconds((int) e.clockSkew().toSeconds())
                    .build();
        } else {
            jwt = null;
        }
    }

    boolean configured() {
        return config.secret().isPresent() || jwt != null;
    }

    Outcome check(HttpServerRequest request) {
        if (!configured()) {
            return config.allowUnauthenticated() ? new Outcome(true, "")
                    : new Outcome(false, "the webhook has no authentication configured: set "
                            + "apim-dns-sync.events.webhook.secret or .entra, or allow-unauthenticated=true");
        }
        Optional<String> secret = config.secret();
        if (secret.isPresent()) {
            // Either place may carry it, once: a request with several values is refused, so one request can never
            // try many guesses.
            var headers = request.headers().getAll(config.secretHeader());
            var params = request.params().getAll(config.secretQueryParam());
            if (headers.size() > 1 || params.size() > 1) {
                return new Outcome(false, "the secret was sent more than once");
            }
            boolean header = headers.size() == 1 && matches(headers.get(0), secret.get());
            boolean query = params.size() == 1 && matches(params.get(0), secret.get());
            if (header | query) {
                return new Outcome(true, "");
            }
        }
        if (jwt != null) {
            String auth = request.getHeader("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                try {
                    JwtClaims claims = jwt.processToClaims(auth.substring(7).trim());
                    Object roles = claims.getClaimValue("roles");
                    boolean hasRole = roles instanceof List<?> l && l.contains(config.entra().requiredRole());
                    return hasRole ? new Outcome(true, "")
                            : new Outcome(false, "the token lacks the app role " + config.entra().requiredRole());
                } catch (InvalidJwtException ex) {
                    return new Outcome(false, "invalid token: " + ex.getErrorDetails().stream()
                            .map(d -> d.getErrorMessage()).findFirst().orElse(ex.getMessage()));
                }
            }
        }
        return new Outcome(false, "missing or wrong credentials");
    }

    private static boolean matches(String given, String secret) {
        return given != null && constantTimeEquals(given, secret);
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
