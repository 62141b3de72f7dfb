package io.apimdnssync.plan;

import java.util.List;

/**
 * Something a reconcile reports: a conflict, an unplaced name, an error. Drift and alerts consume these.
 * {@code provider} says where the zone lives (azure-private-dns, rfc2136:&lt;server&gt;) when the finding is about one.
 */
public record Finding(Kind kind, String instance, String name, String zone, String message, String provider,
        List<String> holds) {

    public Finding {
        holds = List.copyOf(holds);
    }

    public enum Kind {
        /** A record of a desired name exists and is not ours: left untouched. */
        CONFLICT,
        /** No managed zone covers the name. */
        UNPLACED,
        /** The zone could not be read this pass: its names were neither written nor deleted. */
        ZONE_UNAVAILABLE,
        /** The zone is not linked to the VNET of the instance whose names it holds. */
        ZONE_NOT_LINKED,
        /** The zone would shadow other instances' names for every VNET it is linked to. */
        ZONE_SHADOWS,
        /** The instance could not be read or its payload is invalid. */
        INSTANCE_ERROR,
        /** Records are held: update in progress, failed update, unknown state. */
        HELD,
        /** An owned record no longer desired is kept because the policy is upsert-only. */
        KEPT,
        /** The delete guard refused this pass's deletions. */
        GUARD,
        /** A write failed. */
        APPLY_ERROR,
        /** An owned record of an instance that still exists but is no longer in scope. */
        OUT_OF_SCOPE
    }

    public static Finding of(Kind kind, String instance, String name, String zone, String message) {
        return new Finding(kind, instance == null ? "" : instance, name == null ? "" : name,
                zone == null ? "" : zone, message, "", List.of());
    }

    /** A finding about a record or zone on a provider. */
    public static Finding in(ZoneRef zone, Kind kind, String instance, String name, String message) {
        return new Finding(kind, instance == null ? "" : instance, name == null ? "" : name, zone.name(), message,
                zone.provider(), List.of());
    }

    /** The same finding, saying what the record it is about holds. */
    public Finding holding(List<String> ips) {
        return new Finding(kind, instance, name, zone, message, provider, ips);
    }
}
