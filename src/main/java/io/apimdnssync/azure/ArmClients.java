package io.apimdnssync.azure;

import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.apimanagement.ApiManagementManager;
import com.azure.resourcemanager.privatedns.PrivateDnsZoneManager;
import io.apimdnssync.config.SyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The SDK managers, one per subscription, sharing one transport, credential, retry policy and read pacing. */
@ApplicationScoped
public class ArmClients {
    @Inject
    SyncConfig config;
    @Inject
    AzureConnectionProvider connections;

    private final Map<String, ApiManagementManager> apim = new ConcurrentHashMap<>();
    private final Map<String, PrivateDnsZoneManager> dns = new ConcurrentHashMap<>();
    private volatile ReadPacingPolicy pacing;

    public ApiManagementManager apiManagement(String subscription) {
        return apim.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), s -> {
            AzureConnection c = connections.connection();
            return ApiManagementManager.configure().withHttpClient(c.httpClient()).withScope(c.scope())
                    .withRetryPolicy(retry()).withPolicy(pacing())
                    .authenticate(c.credential(), new AzureProfile(c.tenantId(), subscription, c.environment()));
        });
    }

    public PrivateDnsZoneManager privateDns(String subscription) {
        return dns.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), s -> {
            AzureConnection c = connections.connection();
            return PrivateDnsZoneManager.configure().withHttpClient(c.httpClient()).withScope(c.scope())
                    .withRetryPolicy(retry()).withPolicy(pacing())
                    .authenticate(c.credential(), new AzureProfile(c.tenantId(), subscription, c.environment()));
        });
    }

    private RetryPolicy retry() {
        return new ArmRetryPolicy(config.azure().maxRetries(), config.azure().maxWriteRetries());
    }

    private ReadPacingPolicy pacing() {
        if (pacing == null) {
            synchronized (this) {
                if (pacing == null) {
                    pacing = new ReadPacingPolicy(config.azure().readsPerSecond(), config.azure().readBurst(),
                            config.azure().readReserve());
                }
            }
        }
        return pacing;
    }
}
