package io.apimdnssync.drift;

/** The kinds of drift (README, Drift). */
public enum DriftKind {
    MISSING,
    WRONG_ADDRESS,
    EXTRA_OWNED,
    CONFLICT,
    ZONE_NOT_LINKED,
    UNPLACED,
    RESOLUTION_MISMATCH,
    TARGET_UNREACHABLE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
