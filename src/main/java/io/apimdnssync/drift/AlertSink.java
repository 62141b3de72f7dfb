package io.apimdnssync.drift;

/** Where alerts go. A sink is named in logs and metrics; its address and secrets never are. */
interface AlertSink {
    String name();

    /** Whether this sink takes alerts of this type. */
    boolean wants(Alert alert);

    /** Delivers or throws; the message of what it throws must not carry the address or a secret. */
    void deliver(Alert alert) throws Exception;
}
