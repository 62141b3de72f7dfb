package io.apimdnssync.it;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Tokens shaped like Microsoft Entra ID's v2 access tokens, signed by a local key whose JWKS the sandbox publishes
 * (Entra itself cannot run here).
 */
final class EntraTokens {
    private EntraTokens() {
    }

    static RsaJsonWebKey key(String id) {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(id);
            return k;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static String token(RsaJsonWebKey key, String issuer, String audience, List<String> roles, long expiresInSeconds,
            Map<String, String> claims) {
        try {
            JwtClaims c = new JwtClaims();
            c.setIssuer(issuer);
            c.setAudience(audience);
            c.setIssuedAtToNow();
            c.setNotBeforeMinutesInThePast(1);
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + expiresInSeconds));
            c.setSubject(claims.getOrDefault("sub", "subject"));
            claims.forEach((k, v) -> {
                if (!k.equals("sub")) {
                    c.setClaim(k, v);
                }
            });
            c.setStringListClaim("roles", roles);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(c.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
