package io.apimdnssync.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs each kind of work item: an instance (its report also counts for its round), a round's start, a round's
 * sweep. Whatever happens to an item of a round, the round hears of it, so a round always ends.
 */
@ApplicationScoped
public class WorkDispatcher implements WorkRunner {
    private final InstanceReconciler instances;
    private final Rounds rounds;
    private final Leadership leadership;

    WorkDispatcher(InstanceReconciler instances, Rounds rounds, Leadership leadership) {
        this.instances = instances;
        this.rounds = rounds;
        this.leadership = leadership;
    }

    @Override
    public Outcome run(Work w) {
        if (!leadership.leading()) {
            // A follower writes nothing; the leader's resync round (started when it took the Lease) covers the key.
            dropped(w, "this replica does not lead" + leadership.leader().map(l -> " (" + l + " does)").orElse(""));
            return Outcome.nothing();
        }
        return switch (w.kind()) {
            case INSTANCE -> instance(w);
            case ROUND -> guarded(w.round().orElseThrow(), () -> rounds.begin(w.round().orElseThrow()));
            case SWEEP -> guarded(w.round().orElseThrow(), () -> rounds.sweep(w.round().orElseThrow()));
        };
    }

    private Outcome instance(Work w) {
        InstanceReconciler.Result r;
        try {
            r = instances.run(w);
        } catch (RuntimeException | Error e) {
            w.round().ifPresent(round -> rounds.itemDone(round, ReportBuilder.failed(w.instanceKey(), e)));
            throw e;
        }
        w.round().ifPresent(round -> rounds.itemDone(round, r.report()));
        return r.outcome();
    }

    private Outcome guarded(Round round, Supplier<Outcome> step) {
        try {
            return step.get();
        } catch (RuntimeException | Error e) {
            rounds.abort(round, "round " + round.number() + " failed: " + e);
            throw e;
        }
    }

    @Override
    public void dropped(Work w, String why) {
        w.round().ifPresent(round -> {
            if (w.kind() == Work.Kind.INSTANCE) {
                rounds.itemDone(round, ReportBuilder.failed(w.instanceKey(), new IllegalStateException(
                        "not run: " + why)));
            } else {
                rounds.abort(round, "round " + round.number() + " cut short: " + why);
            }
        });
    }
}
