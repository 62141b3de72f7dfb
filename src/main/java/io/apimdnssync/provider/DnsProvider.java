package io.apimdnssync.provider;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.ZoneRef;
import java.util.List;

/** Where records live: Azure Private DNS zones, or an RFC 2136 server. One plan engine drives every kind. */
public interface DnsProvider {

    /** A short, stable name (also the {@link ZoneRef#provider()} of its zones). */
    String name();

    List<ZoneRef> zones();

    /**
     * The A records of the zone, in as few calls as the provider allows. {@code names} are the relative names the
     * pass cares about, for providers that cannot list a whole zone. Throws {@link ProviderException}.
     */
    List<CurrentRecord> list(ZoneRef zone, java.util.Set<String> names);

    /** Applies the changes of one zone with optimistic concurrency; never throws for a single failed change. */
    ApplyResult apply(ZoneRef zone, List<Change> changes);
}
