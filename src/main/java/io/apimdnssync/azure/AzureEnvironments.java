package io.apimdnssync.azure;

import com.azure.core.management.AzureEnvironment;
import io.apimdnssync.config.Cloud;
import io.apimdnssync.config.SyncConfig;
import java.util.HashMap;
import java.util.Map;

/** The SDK environment of the configured cloud, with a custom endpoint and token audience where set. */
public final class AzureEnvironments {
    private AzureEnvironments() {
    }

    /** The SDK's environment of a named cloud; {@code custom} starts from the public cloud's endpoints. */
    static AzureEnvironment named(Cloud cloud) {
        return switch (cloud) {
            case PUBLIC, CUSTOM -> AzureEnvironment.AZURE;
            case CHINA -> AzureEnvironment.AZURE_CHINA;
            case US_GOVERNMENT -> AzureEnvironment.AZURE_US_GOVERNMENT;
        };
    }

    public static AzureEnvironment of(SyncConfig.Azure a) {
        if (a.cloud() != Cloud.CUSTOM && a.tokenAudience().isEmpty()) {
            return named(a.cloud());
        }
        Map<String, String> endpoints = new HashMap<>(named(a.cloud()).getEndpoints());
        a.resourceManagerEndpoint()
                .ifPresent(u -> endpoints.put("resourceManagerEndpointUrl", withSlash(u.toString())));
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
