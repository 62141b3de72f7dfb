package io.apimdnssync.azure;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.apimanagement.fluent.ApiManagementClient;
import com.azure.resourcemanager.apimanagement.implementation.ApiManagementClientBuilder;
import com.azure.resourcemanager.privatedns.PrivateDnsZoneManager;
import io.apimdnssync.config.SyncConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK clients, one per subscription, on one pipeline: request IDs, retries (reads and writes bounded apart), the
 * bearer token, the shared read pacer, over one transport.
 *
 * <p>
 * The pipeline is built here rather than by the managers' {@code configure()}: their ARM challenge policy asks its
 * token cache with "check whether to force a fetch", and a call that meets another one inside the cache then waits
 * 500 ms before it asks again — measured as half of all keyed items taking 0.5 s longer once their zone reads ran in
 * parallel. The plain bearer policy reads the same cache without that wait.
 */
@ApplicationScoped
public class ArmClients {
    private final SyncConfig config;
    private final AzureConnectionProvider connections;

    private final Map<String, ApiManagementClient> apim = new ConcurrentHashMap<>();
    private final Map<String, PrivateDnsZoneManager> dns = new ConcurrentHashMap<>();
    private final Set<String> subscriptions;
    private volatile HttpPipeline pipeline;

    private final MeterRegistry registry;

    ArmClients(SyncConfig config, AzureConnectionProvider connections, MeterRegistry registry) {
        this.config = config;
        this.connections = connections;
        this.registry = registry;
        this.subscriptions = configuredSubscriptions(config);
    }

    /**
     * The subscriptions the configuration names (instances, discovery, zones, zone discovery). Clients exist only for
     * these: an ID from a caller or a record's metadata in any other subscription gets no client and no ARM call.
     */
    static Set<String> configuredSubscriptions(SyncConfig c) {
        Set<String> out = new HashSet<>();
        c.instances().ids().orElse(List.of()).forEach(id -> out.add(id.subscription()));
        c.instances().discovery().forEach(d -> out.add(d.subscription()));
        c.privateDnsZones().orElse(List.of()).forEach(id -> out.add(id.subscription()));
        c.privateDnsZoneDiscovery().forEach(d -> out.add(d.subscription()));
        Set<String> lower = new HashSet<>();
        out.forEach(s -> lower.add(s.trim().toLowerCase(Locale.ROOT)));
        return Set.copyOf(lower);
    }

    private String configured(String subscription) {
        String key = subscription.toLowerCase(Locale.ROOT);
        if (!subscriptions.contains(key)) {
            throw new IllegalArgumentException("subscription " + subscription + " is not in the configuration: no "
                    + "ARM client for it");
        }
        return key;
    }

    public ApiManagementClient apiManagement(String subscription) {
        return apim.computeIfAbsent(configured(subscription), s -> {
            AzureConnection c = connections.connection();
            return new ApiManagementClientBuilder().pipeline(pipeline()).environment(c.environment())
                    .endpoint(c.environment().getResourceManagerEndpoint()).subscriptionId(subscription)
                    .defaultPollInterval(Duration.ofSeconds(30)).buildClient();
        });
    }

    public PrivateDnsZoneManager privateDns(String subscription) {
        return dns.computeIfAbsent(configured(subscription), s -> {
            AzureConnection c = connections.connection();
            return PrivateDnsZoneManager.authenticate(pipeline(),
                    new AzureProfile(c.tenantId(), subscription, c.environment()));
        });
    }

    private HttpPipeline pipeline() {
        if (pipeline == null) {
            synchronized (this) {
                if (pipeline == null) {
                    AzureConnection c = connections.connection();
                    pipeline = new HttpPipelineBuilder().httpClient(c.httpClient()).policies(
                            new UserAgentPolicy("apim-dns-sync"),
                            new RequestIdPolicy(),
                            new ArmRetryPolicy(config.azure().maxRetries(), config.azure().maxWriteRetries()),
                            new ArmRequestMetricsPolicy(registry),
                            new AddDatePolicy(),
                            new BearerTokenAuthenticationPolicy(c.credential(), c.scope()),
                            new ReadPacingPolicy(config.azure().readsPerSecond(), config.azure().readBurst(),
                                    config.azure().readReserve()),
                            new HttpLoggingPolicy(new HttpLogOptions())).build();
                }
            }
        }
        return pipeline;
    }
}
