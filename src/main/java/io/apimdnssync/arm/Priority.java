package io.apimdnssync.arm;

/**
 * Whose work an ARM read serves. {@code KEYED}: one instance's trigger (an event, the change watch, the API, update
 * polling, a retry) — someone may be waiting on a stale record. {@code RESYNC}: the periodic round over every
 * instance. Keyed work runs ahead of resync work in the work queue and in the client-side read pacer.
 */
public enum Priority {
    KEYED,
    RESYNC;

    /** The key under which a call's Azure SDK {@code Context} carries its priority to the read pacer. */
    public static final String CONTEXT_KEY = "apim-dns-sync.priority";
}
