package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.source.InstanceSnapshot;
import java.util.Optional;

/**
 * One item of the work queue. {@code INSTANCE}: reconcile one instance (its key is the instance's resource ID key);
 * {@code ROUND}: start a resync round (list the instances, enqueue one item each); {@code SWEEP}: end a round (find
 * the owned records of instances the round did not see). Items of a round carry it; an instance item of a round may
 * carry the snapshot the round's list returned, which saves a GET.
 */
public record Work(Kind kind, String key, Priority priority, Trigger trigger, Optional<Round> round,
        Optional<InstanceSnapshot> listed, boolean force) {

    public enum Kind {
        INSTANCE,
        ROUND,
        SWEEP
    }

    /** Keyed work: read the instance now (an event, the watch, the API, update polling, a retry). */
    public static Work instance(String key, Trigger trigger, boolean force) {
        return new Work(Kind.INSTANCE, key, Priority.KEYED, trigger, Optional.empty(), Optional.empty(), force);
    }

    /**
     * Work for an instance key never seen (not in the status, owning no record) that an event or a caller names: it
     * waits behind keyed work for known instances and reads without the keyed reserve, so a flood of made-up IDs
     * cannot delay a real instance's records.
     */
    public static Work unseen(String key, Trigger trigger, boolean force) {
        return new Work(Kind.INSTANCE, key, Priority.RESYNC, trigger, Optional.empty(), Optional.empty(), force);
    }

    /** An instance's item in a resync round, with the snapshot the round's list returned if any. */
    static Work inRound(Round round, String key, Optional<InstanceSnapshot> listed) {
        return new Work(Kind.INSTANCE, round.itemKey(key), Priority.RESYNC, round.trigger(), Optional.of(round),
                listed, round.force());
    }

    static Work start(Round round) {
        return new Work(Kind.ROUND, round.itemKey("round"), Priority.RESYNC, round.trigger(), Optional.of(round),
                Optional.empty(), round.force());
    }

    static Work sweep(Round round) {
        return new Work(Kind.SWEEP, round.itemKey("sweep"), Priority.RESYNC, round.trigger(), Optional.of(round),
                Optional.empty(), round.force());
    }

    public boolean dryRun() {
        return round.map(Round::dryRun).orElse(false);
    }

    /** The instance's resource ID key (an instance item's key without a dry run's prefix). */
    public String instanceKey() {
        return round.map(r -> r.instanceKey(key)).orElse(key);
    }

    /**
     * A newer trigger for the same key while this item waits: the higher priority wins, and keyed work reads the
     * instance afresh (the round's snapshot is dropped), while the item still counts for its round.
     */
    Work merge(Work newer) {
        boolean keyed = priority == Priority.KEYED || newer.priority == Priority.KEYED;
        return new Work(kind, key, keyed ? Priority.KEYED : Priority.RESYNC, trigger.merge(newer.trigger),
                round.or(() -> newer.round), keyed ? Optional.empty() : listed.or(() -> newer.listed),
                force || newer.force);
    }
}
