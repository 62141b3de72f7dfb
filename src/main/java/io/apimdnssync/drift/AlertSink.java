package io.apimdnssync.drift;

/** Where alerts go (the outbox names it in logs and metrics; its address and secrets never appear). */
interface AlertSink {
    /** Delivers or throws; the message of what it throws must not carry the address or a secret. */
    void deliver(Alert alert) throws Exception;
}
