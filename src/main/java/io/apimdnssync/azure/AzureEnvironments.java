package io.apimdnssync.azure;

import com.azure.core.management.AzureEnvironment;
import io.apimdnssync.config.AzureCloud;
import io.apimdnssync.config.Settings.AzureSettings;
import java.util.HashMap;
import java.util.Map;

/** The SDK environment of the configured cloud, with a custom endpoint and token audience where set. */
public final class AzureEnvironments {
    private AzureEnvironments() {
    }

    public static AzureEnvironment of(AzureSettings a) {
        if (a.cloud() != AzureCloud.CUSTOM && a.tokenAudience().isEmpty()) {
            return a.cloud().environment().orElseThrow();
        }
        Map<String, String> endpoints = new HashMap<>(a.cloud().environment()
                .map(AzureEnvironment::getEndpoints).orElseGet(() -> AzureEnvironment.AZURE.getEndpoints()));
        a.resourceManagerEndpoint().ifPresent(u -> endpoints.put("resourceManagerEndpointUrl", withSlash(u.toString())));
        a.tokenAudience().ifPresent(aud -> endpoints.put("managementEndpointUrl", withSlash(aud)));
        return new AzureEnvironment(endpoints);
    }

    /** The token scope: the audience (management endpoint) with {@code /.default}. */
    public static String scope(AzureEnvironment env) {
        String aud = env.getManagementEndpoint();
        return (aud.endsWith("/") ? aud.substring(0, aud.length() - 1) : aud) + "/.default";
    }

    private static String withSlash(String s) {
        return s.endsWith("/") ? s : s + "/";
    }
}
