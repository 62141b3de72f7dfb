package io.apimdnssync.reconcile;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the daemon is shutting down, known before anything else stops: from then on no zone's write batch begins
 * (one that has begun completes) and the webhook answers 503 so that Event Grid retries elsewhere or later.
 */
@ApplicationScoped
public class Stopping {
    private volatile boolean stopping;

    void onShutdown(@Observes @Priority(1) ShutdownEvent e) {
        begin();
    }

    /** From now on, the daemon is stopping (the shutdown observer; tests call it to see what stopping does). */
    public void begin() {
        stopping = true;
    }

    public boolean now() {
        return stopping;
    }
}
