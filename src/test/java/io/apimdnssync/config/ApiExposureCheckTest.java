package io.apimdnssync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The daemon refuses to start with the control API open on the public port, or open to any application. */
class ApiExposureCheckTest {
    static final String TENANT = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000ee/v2.0";
    static final String AUDIENCE = "api://apim-dns-sync";

    static List<String> problems(ApiExposure exposure, ConfigCheck.ApiSettings oidc) {
        return ConfigCheck.apiProblems(exposure, oidc);
    }

    @Test
    void onThePublicPortTheApiNeedsEntraId() {
        List<String> p = problems(ApiExposure.AUTHENTICATED, new ConfigCheck.ApiSettings(Optional.empty(), true,
                Optional.of(AUDIENCE), Optional.empty(), true));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("quarkus.oidc.auth-server-url") && p.get(0).contains("exposure=management"),
                p.get(0));
        assertEquals(1, problems(ApiExposure.AUTHENTICATED, new ConfigCheck.ApiSettings(Optional.of(" "), true,
                Optional.of(AUDIENCE), Optional.empty(), true)).size());
        assertEquals(1, problems(ApiExposure.AUTHENTICATED, new ConfigCheck.ApiSettings(Optional.of(TENANT), false,
                Optional.of(AUDIENCE), Optional.empty(), true)).size(), "a disabled tenant is no authentication");
        assertEquals(List.of(), problems(ApiExposure.AUTHENTICATED, ConfigCheck.ApiSettings.of(TENANT, AUDIENCE)));
    }

    @Test
    void withoutAnAudienceAnyApplicationOfTheTenantWouldDo() {
        for (Optional<String> audience : List.of(Optional.<String>empty(), Optional.of(""), Optional.of("any"))) {
            List<String> p = problems(ApiExposure.AUTHENTICATED, new ConfigCheck.ApiSettings(Optional.of(TENANT), true,
                    audience, Optional.empty(), true));
            assertEquals(1, p.size(), audience.toString());
            assertTrue(p.get(0).contains("quarkus.oidc.token.audience is required"), p.get(0));
        }
    }

    @Test
    void multiTenantAuthoritiesAndAnyIssuerAreRefused() {
        for (String server : List.of("https://login.microsoftonline.com/common/v2.0",
                "https://login.microsoftonline.com/organizations/v2.0",
                "https://login.microsoftonline.com/consumers/v2.0")) {
            assertEquals(1, problems(ApiExposure.AUTHENTICATED, ConfigCheck.ApiSettings.of(server, AUDIENCE)).size(),
                    server);
        }
        assertEquals(1, problems(ApiExposure.AUTHENTICATED, new ConfigCheck.ApiSettings(Optional.of(TENANT), true,
                Optional.of(AUDIENCE), Optional.of("any"), true)).size());
    }

    @Test
    void onTheManagementInterfaceItNeedsThatInterface() {
        assertEquals(List.of(), problems(ApiExposure.MANAGEMENT, new ConfigCheck.ApiSettings(Optional.empty(), false,
                Optional.empty(), Optional.empty(), true)));
        assertEquals(1, problems(ApiExposure.MANAGEMENT, new ConfigCheck.ApiSettings(Optional.empty(), false,
                Optional.empty(), Optional.empty(), false)).size());
    }
}
