package io.apimdnssync.source;

import java.util.Locale;
import java.util.Set;

/** How the reconciler treats an APIM provisioning state. */
public enum ProvisioningPhase {
    /** Terminal and healthy: records follow the current VIPs. */
    SUCCEEDED,
    /** Terminal but failed or cancelled: nothing changes, reported. */
    FAILED,
    /** An update runs: nothing changes, the instance is polled until it ends. */
    IN_PROGRESS,
    /** A value this version does not know: nothing changes, reported. */
    UNKNOWN;

    private static final Set<String> TRANSITIONAL = Set.of("created", "creating", "activating", "updating",
            "upgrading", "terminating", "deleting", "restoring", "migrating", "moving", "accepted", "inprogress",
            "provisioning", "scaling");

    public static ProvisioningPhase of(String state) {
        if (state == null || state.isBlank()) {
            return UNKNOWN;
        }
        String s = state.trim().toLowerCase(Locale.ROOT);
        if (s.equals("succeeded")) {
            return SUCCEEDED;
        }
        if (s.equals("failed") || s.equals("canceled") || s.equals("cancelled") || s.equals("terminationfailed")) {
            return FAILED;
        }
        return TRANSITIONAL.contains(s) ? IN_PROGRESS : UNKNOWN;
    }
}
