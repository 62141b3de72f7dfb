package io.apimdnssync.plan;

import java.util.List;
import java.util.Optional;

/** An A record set as a target holds it. {@code version} is the ETag (Azure) or empty. */
public record CurrentRecord(ZoneRef zone, String relativeName, List<String> ips, long ttl, Optional<String> version,
        Optional<Ownership> owner) {
    public CurrentRecord {
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
