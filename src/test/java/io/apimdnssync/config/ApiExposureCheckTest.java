package io.apimdnssync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The daemon refuses to start with the control API open on the public port. */
class ApiExposureCheckTest {
    static final Optional<String> ENTRA = Optional.of("https://login.microsoftonline.com/tenant/v2.0");

    @Test
    void onThePublicPortTheApiNeedsEntraId() {
        List<String> p = ConfigCheck.apiProblems(ApiExposure.AUTHENTICATED, Optional.empty(), true);
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("quarkus.oidc.auth-server-url") && p.get(0).contains("exposure=management"),
                p.get(0));
        assertEquals(1, ConfigCheck.apiProblems(ApiExposure.AUTHENTICATED, Optional.of(" "), true).size());
        assertEquals(1, ConfigCheck.apiProblems(ApiExposure.AUTHENTICATED, ENTRA, false).size(),
                "a disabled tenant is no authentication");
        assertEquals(List.of(), ConfigCheck.apiProblems(ApiExposure.AUTHENTICATED, ENTRA, true));
    }

    @Test
    void onTheManagementInterfaceItNeedsNothing() {
        assertEquals(List.of(), ConfigCheck.apiProblems(ApiExposure.MANAGEMENT, Optional.empty(), false));
    }
}
