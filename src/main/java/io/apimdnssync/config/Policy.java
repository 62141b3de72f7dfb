package io.apimdnssync.config;

/** Whether owned records of names no longer desired are deleted ({@code sync}) or kept ({@code upsert-only}). */
public enum Policy {
    SYNC("sync"),
    UPSERT_ONLY("upsert-only");

    private final String wire;

    Policy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean deletes() {
        return this == SYNC;
    }
}
