package io.apimdnssync.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether this replica may reconcile and write. Without leader election there is one replica and it always may; with
 * it ({@link LeaseElection}), only while it holds the Lease.
 */
@ApplicationScoped
public class Leadership {
    private volatile boolean leading = true;
    private final AtomicReference<String> leader = new AtomicReference<>("");

    public boolean leading() {
        return leading;
    }

    /** The identity of the replica that leads, when known. */
    public Optional<String> leader() {
        return Optional.of(leader.get()).filter(l -> !l.isEmpty());
    }

    void follow() {
        leading = false;
    }

    void lead() {
        leading = true;
    }

    void leaderIs(String identity) {
        leader.set(identity);
    }
}
