package io.apimdnssync.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An A record set as a provider holds it. {@code version} is the ETag (Azure) or empty; {@code metadata} is kept so
 * that an update preserves keys someone else added.
 */
public record CurrentRecord(ZoneRef zone, String relativeName, List<String> ips, long ttl, Optional<String> version,
        Optional<Ownership> owner, Map<String, String> metadata) {
    public CurrentRecord {
        metadata = Map.copyOf(metadata);
        relativeName = relativeName.toLowerCase(java.util.Locale.ROOT);
        ips = ips.stream().distinct().sorted().toList();
    }

    public String fqdn() {
        return zone.fqdn(relativeName);
    }

    public boolean ownedBy(String ownerId) {
        return owner.map(o -> o.ownerId().equals(ownerId)).orElse(false);
    }

    public boolean ownedBy(String ownerId, String instanceKey) {
        return owner.map(o -> o.ownerId().equals(ownerId) && o.instance().equals(instanceKey)).orElse(false);
    }
}
