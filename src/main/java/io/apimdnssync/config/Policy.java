package io.apimdnssync.config;

/** Whether owned records of names no longer desired are deleted ({@code sync}) or kept ({@code upsert-only}). */
public enum Policy {
    SYNC,
    UPSERT_ONLY;

    public boolean deletes() {
        return this == SYNC;
    }
}
