package io.apimdnssync.config;

import io.apimdnssync.azure.ArmId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configuration after validation, with typed values. Built by {@link ConfigCheck}. */
public record Settings(
        AzureSettings azure,
        List<ArmId> instanceIds,
        List<DiscoveryScope> discovery,
        List<ArmId> zones,
        List<ZoneScope> zoneDiscovery,
        List<DnsServerSettings> dnsServers,
        List<String> verifyResolvers,
        Duration verifyTimeout,
        EndpointSelection endpoints,
        long ttl,
        String ownerId,
        Policy policy,
        Mode mode,
        NonInternalRecords nonInternalRecords,
        double guardMaxDeleteShare,
        int guardMinOwned,
        Duration resyncInterval,
        int concurrency,
        Duration backoffInitial,
        Duration backoffMax,
        int preconditionRetries,
        Duration linkCheckInterval,
        Duration updatePollInterval,
        boolean resyncEnabled) {

    public record AzureSettings(AzureCloud cloud, Optional<URI> resourceManagerEndpoint, Optional<String> tokenAudience,
            Optional<String> tenantId, int readsPerSecond, int readBurst, int maxRetries) {
    }

    public record DiscoveryScope(String subscription, Optional<String> resourceGroup, Map<String, String> tags) {
        public boolean matches(Map<String, String> resourceTags) {
            Map<String, String> actual = resourceTags == null ? Map.of() : resourceTags;
            return tags.entrySet().stream().allMatch(t -> actual.entrySet().stream()
                    .anyMatch(a -> a.getKey().equalsIgnoreCase(t.getKey())
                            && ("*".equals(t.getValue()) || a.getValue().equals(t.getValue()))));
        }
    }

    public record ZoneScope(String subscription, Optional<String> resourceGroup) {
    }

    public record EndpointSelection(boolean gateway, boolean portal, boolean developerPortal, boolean management,
            boolean scm, boolean regionalGateways, boolean customHostnames) {
        public static EndpointSelection all() {
            return new EndpointSelection(true, true, true, true, true, true, true);
        }
    }
}
