package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which APIM instances the daemon manages: explicit resource IDs, and discovery scopes with tag selectors. */
public record ManagedScope(List<ArmId> ids, List<DiscoveryScope> discovery) {
    public ManagedScope {
        ids = List.copyOf(ids);
        discovery = List.copyOf(discovery);
    }

    public static ManagedScope of(SyncConfig c) {
        return new ManagedScope(c.instances().ids().orElse(List.of()), c.instances().discovery().stream()
                .map(d -> new DiscoveryScope(d.subscription(), d.resourceGroup(), d.tags())).toList());
    }

    /** An instance the daemon may manage, judged by its ID alone (events are judged so; tags are read later). */
    public boolean mayManage(ArmId id) {
        return ids.contains(id) || discovery.stream().anyMatch(d -> d.covers(id));
    }

    /** An instance the daemon manages: explicit, or in a discovery scope whose tag selector matches. */
    public boolean manages(ArmId id, Map<String, String> tags) {
        return ids.contains(id) || discovery.stream().anyMatch(d -> d.covers(id) && d.matches(tags));
    }

    /**
     * The lists that see every managed instance: each discovery scope, plus one resource-group list for each group
     * holding explicit IDs no discovery scope covers. The change watch reads these instead of one GET per instance.
     */
    public List<DiscoveryScope> listScopes() {
        Map<String, DiscoveryScope> out = new LinkedHashMap<>();
        discovery.forEach(d -> out.put(d.subscription().toLowerCase(Locale.ROOT) + "/" + d.resourceGroup().orElse("")
                .toLowerCase(Locale.ROOT), d));
        for (ArmId id : ids) {
            if (discovery.stream().noneMatch(d -> d.covers(id))) {
                out.putIfAbsent(
                        id.subscription().toLowerCase(Locale.ROOT) + "/" + id.resourceGroup().toLowerCase(Locale.ROOT),
                        new DiscoveryScope(id.subscription(), Optional.of(id.resourceGroup()), Map.of()));
            }
        }
        return List.copyOf(out.values());
    }
}
