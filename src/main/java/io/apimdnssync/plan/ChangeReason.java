package io.apimdnssync.plan;

import io.apimdnssync.desired.DesiredRecord;
import java.util.List;
import java.util.Optional;

/**
 * Why a change is made, for the audit trail and the change counter. Pure: from the change, what the instance desires
 * now, and what it desired at its previous pass.
 */
public enum ChangeReason {
    /** A name the instance did not have before. */
    NEW_NAME,
    /** The instance's address for the name changed (an update moved its VIP). */
    VIP_CHANGE,
    /** The desire did not change but the record did: someone edited or deleted it. */
    DRIFT_REPAIR,
    /** The instance is gone: its records go. */
    INSTANCE_REMOVED,
    /** The instance is no longer Internal and the policy removes its records. */
    MODE_CHANGE,
    /** The instance no longer has this name (a custom domain removed, an endpoint switched off). */
    NAME_REMOVED;

    /**
     * @param gone     the instance is confirmed gone
     * @param now      what the instance desires now
     * @param previous what it desired at its previous pass, if it had one
     */
    public static ChangeReason of(Change c, boolean gone, List<DesiredRecord> now,
            Optional<List<DesiredRecord>> previous) {
        Optional<DesiredRecord> before = previous.flatMap(p -> p.stream()
                .filter(r -> r.fqdn().equalsIgnoreCase(c.fqdn())).findFirst());
        return switch (c.action()) {
            case DELETE -> gone ? INSTANCE_REMOVED : now.isEmpty() ? MODE_CHANGE : NAME_REMOVED;
            case CREATE -> before.isPresent() ? DRIFT_REPAIR : NEW_NAME;
            case UPDATE -> before.filter(b -> sameIps(b.ips(), c.ips())).isPresent() ? DRIFT_REPAIR : VIP_CHANGE;
        };
    }

    private static boolean sameIps(List<String> a, List<String> b) {
        return a.size() == b.size() && a.containsAll(b);
    }

    /** {@code VIP_CHANGE} → {@code vip-change}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
