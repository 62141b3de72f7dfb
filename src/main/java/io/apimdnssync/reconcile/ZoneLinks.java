package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.provider.ProviderException;
import io.apimdnssync.provider.privatedns.PrivateDnsProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks that the Azure zones holding an instance's names are linked to its VNETs ({@code zone-not-linked}), and that
 * no linked zone is named like a shared parent ({@code zone-shadows}). Link lists are cached for the configured
 * interval so a steady-state resync reads no links.
 */
final class ZoneLinks {
    static final Set<String> SHARED_PARENTS = Set.of("azure-api.net", "regional.azure-api.net",
            "portal.azure-api.net", "developer.azure-api.net", "management.azure-api.net", "scm.azure-api.net",
            "azure-api.cn", "azure-api.us");

    private record Cached(List<String> vnets, Instant at) {
    }

    private final Map<ZoneRef, Cached> cache = new ConcurrentHashMap<>();
    private final PrivateDnsProvider target;
    private final Duration ttl;
    private final Clock clock;

    ZoneLinks(PrivateDnsProvider target, Duration ttl, Clock clock) {
        this.target = target;
        this.ttl = ttl;
        this.clock = clock;
    }

    Optional<List<String>> linkedVnets(ZoneRef zone) {
        Cached c = cache.get(zone);
        if (c != null && c.at().plus(ttl).isAfter(clock.instant())) {
            return Optional.of(c.vnets());
        }
        try {
            List<String> vnets = target.linkedVnets(zone);
            cache.put(zone, new Cached(vnets, clock.instant()));
            return Optional.of(vnets);
        } catch (ProviderException e) {
            return Optional.ofNullable(c).map(Cached::vnets);
        }
    }

    /** Managed zones named like a shared parent that are linked somewhere shadow every other instance's names. */
    List<Finding> shadowing(List<ZoneRef> zones) {
        List<Finding> out = new ArrayList<>();
        for (ZoneRef z : zones) {
            if (!z.provider().equals(PrivateDnsProvider.NAME) || !SHARED_PARENTS.contains(z.name())) {
                continue;
            }
            linkedVnets(z).filter(l -> !l.isEmpty()).ifPresent(l -> out.add(Finding.in(z, Finding.Kind.ZONE_SHADOWS, "",
                    "", "zone " + z.name() + " is linked to " + l.size() + " VNET(s) and shadows there the "
                            + "names of every instance under " + z.name() + " that it does not hold; use one zone per "
                            + "host name")));
        }
        return out;
    }

    List<Finding> check(InstanceSnapshot s, Set<ZoneRef> zonesWithItsNames) {
        List<Finding> out = new ArrayList<>();
        List<String> vnets = s.vnetIds().stream().map(v -> v.toLowerCase(java.util.Locale.ROOT)).toList();
        for (ZoneRef z : zonesWithItsNames) {
            if (!z.provider().equals(PrivateDnsProvider.NAME)) {
                continue;
            }
            Optional<List<String>> linked = linkedVnets(z);
            if (linked.isEmpty()) {
                continue;
            }
            if (!vnets.isEmpty() && vnets.stream().noneMatch(linked.get()::contains)) {
                out.add(Finding.in(z, Finding.Kind.ZONE_NOT_LINKED, s.id().key(), "", "zone " + z.name()
                        + " is not linked to the instance's VNET " + String.join(", ", vnets)
                        + ": clients there will not see its records"));
            }
        }
        return out;
    }
}
