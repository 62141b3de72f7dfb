package io.apimdnssync.reconcile;

import io.apimdnssync.config.SyncConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether this replica may reconcile and write. Without leader election there is one replica and it always may; with
 * it ({@link LeaseElection}), only while it holds the Lease.
 */
@ApplicationScoped
public class Leadership {
    /** With election, nothing leads until the Lease is held (the scheduler may start before the election). */
    private volatile boolean leading;
    private final AtomicReference<String> leader = new AtomicReference<>("");
    private volatile Optional<String> labelProblem = Optional.empty();
    private volatile Optional<String> electionProblem = Optional.empty();

    @Inject
    Leadership(SyncConfig config, MeterRegistry registry) {
        this(config.leaderElection().enabled(), registry);
    }

    Leadership(boolean elected, MeterRegistry registry) {
        this.leading = !elected;
        Gauge.builder("apim.dns.sync.leader", this, l -> l.leading ? 1 : 0)
                .description("1 while this replica may reconcile and write (it holds the Lease, or there is no "
                        + "election), else 0")
                .register(registry);
        Gauge.builder("apim.dns.sync.leader.label.failing", this, l -> l.labelProblem.isPresent() ? 1 : 0)
                .description("1 while this replica's pod label does not say what its leadership is (the webhook's "
                        + "Service selects the leader by it), else 0")
                .register(registry);
    }

    public boolean leading() {
        return leading;
    }

    /** The identity of the replica that leads, when known. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader.get()).filter(l -> !l.isEmpty());
    }

    /** Why this replica's leader label is wrong, when it is. */
    public Optional<String> labelProblem() {
        return labelProblem;
    }

    void labelProblem(Optional<String> problem) {
        labelProblem = problem;
    }

    /** Why this replica cannot take part in the election (the Kubernetes API does not answer), when it cannot. */
    public Optional<String> electionProblem() {
        return electionProblem;
    }

    void electionProblem(Optional<String> problem) {
        electionProblem = problem;
    }

    void follow() {
        leading = false;
    }

    void lead() {
        leading = true;
    }

    void leaderIs(String identity) {
        leader.set(identity == null ? "" : identity); // null: the Lease was released, nobody leads
    }
}
