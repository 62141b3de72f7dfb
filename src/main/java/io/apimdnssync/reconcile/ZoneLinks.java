package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.source.InstanceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Checks that the zones holding an instance's names are linked to its VNETs ({@code zone-not-linked}), and that no
 * linked zone is named like a shared parent ({@code zone-shadows}), for providers whose zones are linked to
 * networks. Link lists are cached for the configured interval, so a steady-state round reads no links.
 */
@ApplicationScoped
public class ZoneLinks {
    private static final Logger LOG = Logger.getLogger(ZoneLinks.class);
    static final Set<String> SHARED_PARENTS = Set.of("azure-api.net", "regional.azure-api.net",
            "portal.azure-api.net", "developer.azure-api.net", "management.azure-api.net", "scm.azure-api.net",
            "azure-api.cn", "azure-api.us");

    /** What a zone's links were when last read; empty when they could not be read. */
    private record Cached(Optional<List<String>> vnets, Instant at) {
    }

    private final Map<ZoneRef, Cached> cache = new ConcurrentHashMap<>();
    private final Function<ZoneRef, DnsProvider> providers;
    private final Duration ttl;

    @Inject
    ZoneLinks(DnsProviders providers, SyncConfig config) {
        this(providers::forZone, config.reconcile().linkCheckInterval());
    }

    ZoneLinks(Function<ZoneRef, DnsProvider> providers, Duration ttl) {
        this.providers = providers;
        this.ttl = ttl;
    }

    private Optional<List<String>> linkedVnets(ZoneRef zone, Priority priority) {
        DnsProvider p = providers.apply(zone);
        if (!p.linksZonesToNetworks()) {
            return Optional.empty();
        }
        Cached c = cache.get(zone);
        if (c != null && c.at().plus(ttl).isAfter(Instant.now())) {
            return c.vnets();
        }
        try {
            List<String> vnets = p.linkedNetworks(zone, priority);
            cache.put(zone, new Cached(Optional.of(vnets), Instant.now()));
            return Optional.of(vnets);
        } catch (RuntimeException e) {
            // Said once, then not asked again until the cache expires: a 403 on links must not cost a read per item.
            LOG.warnf("the links of zone %s cannot be checked until %s: %s", zone.name(), Instant.now().plus(ttl),
                    e.getMessage());
            Optional<List<String>> known = c == null ? Optional.empty() : c.vnets();
            cache.put(zone, new Cached(known, Instant.now()));
            return known;
        }
    }

    /** Managed zones named like a shared parent that are linked somewhere shadow every other instance's names. */
    List<Finding> shadowing(Collection<ZoneRef> zones, Priority priority) {
        List<Finding> out = new ArrayList<>();
        for (ZoneRef z : zones) {
            if (!SHARED_PARENTS.contains(z.name())) {
                continue;
            }
            linkedVnets(z, priority).filter(l -> !l.isEmpty()).ifPresent(l -> out.add(Finding.in(z,
                    Finding.Kind.ZONE_SHADOWS, "", "", "zone " + z.name() + " is linked to " + l.size()
                            + " VNET(s) and shadows there the names of every instance under " + z.name()
                            + " that it does not hold; use one zone per host name")));
        }
        return out;
    }

    /** The zones with the instance's names that are not linked to any of its VNETs. */
    List<Finding> check(InstanceSnapshot s, Collection<ZoneRef> zonesWithItsNames, Priority priority) {
        List<Finding> out = new ArrayList<>();
        List<String> vnets = s.vnetIds().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        if (vnets.isEmpty()) {
            return out;
        }
        for (ZoneRef z : zonesWithItsNames) {
            linkedVnets(z, priority).filter(linked -> vnets.stream().noneMatch(linked::contains))
                    .ifPresent(linked -> out.add(Finding.in(z, Finding.Kind.ZONE_NOT_LINKED, s.id().key(), "",
                            "zone " + z.name() + " is not linked to the instance's VNET " + String.join(", ", vnets)
                                    + ": clients there will not see its records")));
        }
        return out;
    }
}
