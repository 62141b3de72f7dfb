package io.apimdnssync.plan;

import java.util.Locale;
import java.util.OptionalLong;

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

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
