package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
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

    /** An instance the daemon may manage, judged by its ID alone (explicit, or in a discovery scope). */
    public boolean mayManage(ArmId id) {
        return instanceIds.contains(id) || discovery.stream().anyMatch(d -> d.covers(id));
    }

    /** An instance the daemon manages: explicit, or in a discovery scope whose tag selector matches. */
    public boolean manages(ArmId id, Map<String, String> tags) {
        return instanceIds.contains(id) || discovery.stream().anyMatch(d -> d.covers(id) && d.matches(tags));
    }

    public record AzureSettings(AzureCloud cloud, Optional<URI> resourceManagerEndpoint, Optional<String> tokenAudience,
            Optional<String> tenantId, int readsPerSecond, int readBurst, int maxRetries) {
    }

    public record DiscoveryScope(String subscription, Optional<String> resourceGroup, Map<String, String> tags) {
        /** The subscription and resource group match (tags aside). */
        public boolean covers(ArmId id) {
            return subscription.equalsIgnoreCase(id.subscription())
                    && resourceGroup.map(g -> g.equalsIgnoreCase(id.resourceGroup())).orElse(true);
        }

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
