package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.Parallel;
import io.apimdnssync.provider.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Lists zones through their providers, in parallel. Within a round a zone whose provider lists whole zones is read
 * once ({@link RoundZones}); keyed work always reads afresh. A zone that cannot be read is a {@code zone-unavailable}
 * finding, and the planner leaves its names alone.
 */
final class ZoneReader {
    /**
     * One zone's read: its records, or why it could not be read. {@code names} are the names asked for when the
     * provider read the zone per name: the records say nothing about the others.
     */
    record Read(ZoneRef zone, Optional<List<CurrentRecord>> records, Optional<String> error, Instant at,
            Optional<Set<String>> names) {
    }

    /**
     * The records of the zones that could be read, with when; the names a per-name read covered ({@code partial});
     * the zones that could not be read, as findings.
     */
    record Listing(Map<ZoneRef, List<CurrentRecord>> records, Map<ZoneRef, Instant> listedAt,
            Map<ZoneRef, Set<String>> partial, List<Finding> findings) {
        static final Listing EMPTY = new Listing(Map.of(), Map.of(), Map.of(), List.of());
    }

    private final Function<ZoneRef, DnsProvider> providers;
    private final Parallel parallel;

    ZoneReader(Function<ZoneRef, DnsProvider> providers, Parallel parallel) {
        this.providers = providers;
        this.parallel = parallel;
    }

    Listing read(Collection<ZoneRef> zones, Map<ZoneRef, Set<String>> names, Priority priority,
            Optional<RoundZones> round) {
        List<Read> reads = parallel.map(List.copyOf(zones), z -> {
            DnsProvider p = providers.apply(z);
            Set<String> wanted = names.getOrDefault(z, Set.of());
            if (round.isPresent() && p.listsWholeZones()) {
                Read shared = round.get().get(z, () -> readOne(p, z, wanted, priority));
                if (shared.records().isEmpty() || shared.names().isEmpty()) {
                    return shared; // a failure, or the whole zone
                }
                // The server refused the transfer meanwhile and was read per name: read this item's names.
                round.get().forget(z);
            }
            return readOne(p, z, wanted, priority);
        });
        Map<ZoneRef, List<CurrentRecord>> records = new LinkedHashMap<>();
        Map<ZoneRef, Instant> at = new LinkedHashMap<>();
        Map<ZoneRef, Set<String>> partial = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        for (Read r : reads) {
            r.records().ifPresent(rs -> {
                records.put(r.zone(), rs);
                at.put(r.zone(), r.at());
                r.names().ifPresent(n -> partial.put(r.zone(), n));
            });
            r.error().ifPresent(e -> findings.add(Finding.in(r.zone(), Finding.Kind.ZONE_UNAVAILABLE, "", "", e)));
        }
        return new Listing(records, at, partial, findings);
    }

    /** Reads one zone; never throws for a zone that cannot be read. */
    Read readOne(DnsProvider p, ZoneRef zone, Set<String> names, Priority priority) {
        Instant at = Instant.now();
        try {
            DnsProvider.Contents read = p.read(zone, names, priority);
            List<CurrentRecord> records = List.copyOf(read.records());
            Optional<Set<String>> asked = read.wholeZone() ? Optional.empty() : Optional.of(Set.copyOf(names));
            return new Read(zone, Optional.of(records), Optional.empty(), at, asked);
        } catch (ProviderException e) {
            return new Read(zone, Optional.empty(), Optional.of(e.getMessage()), at, Optional.empty());
        } catch (RuntimeException e) {
            return new Read(zone, Optional.empty(), Optional.of("reading zone " + zone.name() + " on "
                    + zone.provider() + " failed: " + e), at, Optional.empty());
        }
    }
}
