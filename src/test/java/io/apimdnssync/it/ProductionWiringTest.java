package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.sandbox.RequestLog;
import io.apimdnssync.sandbox.SandboxControl;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The production connection, not the sandbox shortcut: a custom cloud over https (trusted through the JVM trust
 * store), DefaultAzureCredential taking its token from a managed-identity endpoint (IDENTITY_ENDPOINT /
 * IDENTITY_HEADER) for the configured audience, and the Vert.x transport.
 */
@QuarkusTest
@TestProfile(ProductionWiringTest.Https.class)
class ProductionWiringTest extends SandboxTestBase {
    static final String AUDIENCE = "https://management.sandbox.example/";

    public static class Https implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "apim-dns-sync.sandbox.port", "18643",
                    "apim-dns-sync.sandbox.tls-key-store", "src/test/resources/tls/sandbox-keystore.p12",
                    "apim-dns-sync.sandbox.route-sdk", "false",
                    "apim-dns-sync.azure.cloud", "custom",
                    "apim-dns-sync.azure.resource-manager-endpoint", "https://localhost:18643/",
                    "apim-dns-sync.azure.token-audience", AUDIENCE);
        }
    }

    @Override
    SandboxDriver driver() {
        return new SandboxDriver(emulator, control, rounds, gone, true);
    }

    @Test
    void managedIdentityTokenForTheConfiguredAudienceOverHttps() {
        ReconcileReport r = sandbox.pass();
        assertEquals(8, r.applied().size(), r.findings().toString());
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));

        List<SandboxControl.IssuedToken> issued = control.issuedTokens();
        assertFalse(issued.isEmpty(), "a token came from the managed-identity endpoint");
        Set<String> resources = issued.stream().map(SandboxControl.IssuedToken::resource).collect(Collectors.toSet());
        assertTrue(resources.stream().allMatch(res -> res.startsWith("https://management.sandbox.example")),
                resources.toString());
        Set<String> tokens = issued.stream().map(SandboxControl.IssuedToken::token).collect(Collectors.toSet());
        List<RequestLog.Entry> arm = sandbox.log().entries();
        assertFalse(arm.isEmpty());
        assertTrue(arm.stream().allMatch(e -> tokens.contains(e.bearerToken())),
                "every ARM call carries the issued token");
    }
}
