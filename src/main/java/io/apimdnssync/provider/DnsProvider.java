package io.apimdnssync.provider;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.ZoneRef;
import java.util.List;
import java.util.Set;

/**
 * Where records live: Azure Private DNS zones, or an RFC 2136 server. One planner drives every kind; the reconciler
 * sees only this interface.
 */
public interface DnsProvider {

    /** A short, stable name (also the {@link ZoneRef#provider()} of its zones). */
    String name();

    /** The zones the daemon may write here, as of the latest {@link #refreshZones}. */
    List<ZoneRef> zones();

    /**
     * Re-lists the zones of a provider that discovers them (one paged call per scope); a scope that cannot be listed
     * keeps the zones it had. Returns the errors, in words.
     */
    default List<String> refreshZones(Priority priority) {
        return List.of();
    }

    /** Whether this provider's zones are linked to virtual networks (Azure Private DNS), see {@link #linkedNetworks}. */
    default boolean linksZonesToNetworks() {
        return false;
    }

    /** The lower-cased resource IDs of the virtual networks the zone is linked to. Throws {@link ProviderException}. */
    default List<String> linkedNetworks(ZoneRef zone, Priority priority) {
        return List.of();
    }

    /**
     * Whether {@link #list} returns the whole zone whatever names it is given (an Azure list, an AXFR), so one listing
     * serves every instance in a round; false for a server read by per-name queries.
     */
    default boolean listsWholeZones() {
        return true;
    }

    /**
     * The A records of the zone, in as few calls as the provider allows. {@code names} are the relative names the
     * work cares about, for providers that cannot list a whole zone. Throws {@link ProviderException}.
     */
    List<CurrentRecord> list(ZoneRef zone, Set<String> names, Priority priority);

    /** What one read returned, and whether it is the whole zone or only the names asked for. */
    record Contents(List<CurrentRecord> records, boolean wholeZone) {
    }

    /**
     * {@link #list}, saying how this very read went: a provider whose way of reading can change between calls (a
     * server refusing a transfer) must override it, so that a per-name read is never taken for the whole zone.
     */
    default Contents read(ZoneRef zone, Set<String> names, Priority priority) {
        return new Contents(list(zone, names, priority), listsWholeZones());
    }

    /** Applies the changes of one zone with optimistic concurrency; never throws for a single failed change. */
    ApplyResult apply(ZoneRef zone, List<Change> changes);
}
