package io.apimdnssync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** octoDNS's raise_if_unsafe on the plan: the thresholds, what a refused plan keeps, and force. */
class DeleteGuardTest {
    static final ZoneRef Z = new ZoneRef("azure", "/zones/z", "contoso.com");
    static final DeleteGuard.Limits LIMITS = new DeleteGuard.Limits(0.5, 10);

    static Plan plan(int deletes) {
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(Change.Action.CREATE, Z, "new", "i", List.of("10.0.0.1"), 300, Optional.empty()));
        for (int i = 0; i < deletes; i++) {
            CurrentRecord r = new CurrentRecord(Z, "old" + i, List.of("10.0.0.9"), 300, Optional.of("e" + i),
                    Optional.empty(), java.util.Map.of());
            changes.add(new Change(Change.Action.DELETE, Z, "old" + i, "i", List.of(), 0, Optional.of(r)));
        }
        return new Plan(changes, List.of());
    }

    @ParameterizedTest(name = "{0} deletes of {1} owned, {2} deleted this round, force {3} -> refused {4}")
    @CsvSource({
            // below min-owned: never refused
            "9,  9,  0, false, false",
            // exactly at the share: allowed; one more: refused
            "5,  10, 0, false, false",
            "6,  10, 0, false, true",
            // the round's earlier deletions count, against what was owned when it began
            "3,  8,  2, false, false",
            "4,  8,  2, false, true",
            // min-owned applies to what was owned when the round began
            "2,  8,  2, false, false",
            // force overrides
            "10, 10, 0, true,  false",
            // nothing to delete: nothing to refuse
            "0,  10, 9, false, false",
    })
    void thresholds(int deletes, long owned, long deletedThisRound, boolean force, boolean refused) {
        Plan p = plan(deletes);
        Plan checked = DeleteGuard.check(p, LIMITS, OptionalLong.of(owned), deletedThisRound, force);
        if (!refused) {
            assertSame(p, checked);
            return;
        }
        assertEquals(0, checked.deletes());
        assertEquals(1, checked.changes().size(), "creates and updates go ahead");
        assertEquals(Change.Action.CREATE, checked.changes().get(0).action());
        assertEquals(1, checked.findings().size());
        Finding f = checked.findings().get(0);
        assertEquals(Finding.Kind.GUARD, f.kind());
        assertTrue(f.message().startsWith("refused to delete " + deletes + " of " + owned + " owned records"),
                f.message());
        assertTrue(f.message().contains("more than 50% of the " + (owned + deletedThisRound) + " owned, counting those "
                + "deleted this round"), f.message());
        assertTrue(f.message().contains("POST /api/v1/reconcile?force=true"), f.message());
        assertEquals(deletedThisRound > 0,
                f.message().contains("(" + deletedThisRound + " already deleted this round)"),
                f.message());
    }

    @ParameterizedTest(name = "share {0}: {1} of 100 refused {2}")
    @CsvSource({"0.0, 1, true", "0.25, 25, false", "0.25, 26, true", "1.0, 100, false"})
    void theShareIsAFractionOfWhatIsOwned(double share, int deletes, boolean refused) {
        Plan checked = DeleteGuard.check(plan(deletes), new DeleteGuard.Limits(share, 0), OptionalLong.of(100), 0,
                false);
        assertEquals(refused ? 0 : deletes, checked.deletes());
        if (refused) {
            assertTrue(checked.findings().get(0).message().contains(
                    "more than " + Math.round(share * 100) + "%"), checked.findings().toString());
        }
    }

    @org.junit.jupiter.api.Test
    void whileWhatIsOwnedIsUnknownDeletionsWaitUnlessForced() {
        Plan p = plan(1);
        Plan held = DeleteGuard.check(p, LIMITS, OptionalLong.empty(), 0, false);
        assertEquals(0, held.deletes());
        assertEquals(1, held.changes().size(), "the create goes ahead");
        assertEquals("held 1 deletion(s): what this deployment owns is not known until a round has read every zone; "
                + "creates and updates went ahead", held.findings().get(0).message());
        assertEquals(Finding.Kind.GUARD, held.findings().get(0).kind());
        assertSame(p, DeleteGuard.check(p, LIMITS, OptionalLong.empty(), 0, true));
        Plan nothingToDelete = plan(0);
        assertSame(nothingToDelete, DeleteGuard.check(nothingToDelete, LIMITS, OptionalLong.empty(), 0, false));
    }
}
