package io.apimdnssync.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The safety threshold on a plan (octoDNS's {@code raise_if_unsafe}): a plan whose deletions, together with those
 * already made in the current resync round, exceed {@code maxDeleteShare} of every record the deployment owns (once
 * it owns at least {@code minOwned}) loses its deletions and says why; creates and updates go ahead. {@code force}
 * overrides. Per zone the share would be meaningless — each zone holds one record — so it is taken over everything
 * owned. Pure.
 */
public final class DeleteGuard {
    private DeleteGuard() {
    }

    public record Limits(double maxDeleteShare, int minOwned) {
    }

    /**
     * @param owned            records this deployment owns now, before the plan; empty while it is not known (after a
     *                         start, until a round has read every zone): no deletion goes ahead unforced then
     * @param deletedThisRound deletions already made or admitted since the current round began (no longer in
     *                         {@code owned})
     */
    public static Plan check(Plan plan, Limits limits, OptionalLong owned, long deletedThisRound, boolean force) {
        long deletes = plan.deletes();
        if (owned.isEmpty()) {
            return force || deletes == 0 ? plan : plan.withoutDeletes(Finding.of(Finding.Kind.GUARD, "", "", "",
                    "held " + deletes + " deletion(s): what this deployment owns is not known until a round has read "
                            + "every zone; creates and updates went ahead"));
        }
        return check(plan, limits, owned.getAsLong(), deletedThisRound, force);
    }

    private static Plan check(Plan plan, Limits limits, long owned, long deletedThisRound, boolean force) {
        long deletes = plan.deletes();
        long base = owned + deletedThisRound;
        long total = deletes + deletedThisRound;
        if (force || deletes == 0 || base < limits.minOwned() || total <= limits.maxDeleteShare() * base) {
            return plan;
        }
        String earlier = deletedThisRound == 0 ? "" : " (" + deletedThisRound + " already deleted this round)";
        return plan.withoutDeletes(Finding.of(Finding.Kind.GUARD, "", "", "", "refused to delete " + deletes + " of "
                + owned + " owned records" + earlier + ": more than " + percent(limits.maxDeleteShare())
                + " of the " + base + " owned, counting those deleted this round; creates and updates went ahead. "
                + "Check the "
                + "configuration, then force a round: POST /api/v1/reconcile?force=true"));
    }

    /**
     * The per-instance rule: a plan may remove every record an instance owns only when that instance's removal is
     * confirmed (its read was a 200 that asks for it, or its 404 was confirmed: see the reconciler). In a fleet one
     * instance is always a small share, so the share above cannot protect it. {@code force} overrides.
     *
     * @param owned     records each instance owns in the zones the plan was made on
     * @param confirmed instances whose removal of every record is confirmed
     */
    public static Plan perInstance(Plan plan, Map<String, Long> owned, Set<String> confirmed, boolean force) {
        if (force) {
            return plan;
        }
        Map<String, Long> deletes = new TreeMap<>();
        plan.changes().stream().filter(c -> c.action() == Change.Action.DELETE)
                .forEach(c -> deletes.merge(c.instance(), 1L, Long::sum));
        Set<String> held = new TreeSet<>();
        deletes.forEach((instance, n) -> {
            if (!confirmed.contains(instance) && n >= owned.getOrDefault(instance, 0L)) {
                held.add(instance);
            }
        });
        if (held.isEmpty()) {
            return plan;
        }
        List<Change> kept = plan.changes().stream()
                .filter(c -> c.action() != Change.Action.DELETE || !held.contains(c.instance())).toList();
        List<Finding> findings = new ArrayList<>(plan.findings());
        held.forEach(i -> findings.add(Finding.of(Finding.Kind.GUARD, i, "", "", "held the deletion of every record "
                + "of " + i + " (" + deletes.get(i) + "): its removal is not confirmed (a 404 counts only when "
                + "confirmed); force a reconcile to override")));
        return new Plan(kept, findings);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
