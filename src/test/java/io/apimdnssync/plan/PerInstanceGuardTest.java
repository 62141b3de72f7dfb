package io.apimdnssync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard per instance: removing every record an instance owns needs its removal confirmed, or force. */
class PerInstanceGuardTest {
    static final ZoneRef Z = new ZoneRef("azure", "/zones/z", "contoso.com");

    static Plan deletions(String instance, int n) {
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(Change.Action.UPDATE, Z, "kept", "b", List.of("10.0.0.1"), 300, Optional.empty()));
        for (int i = 0; i < n; i++) {
            changes.add(new Change(Change.Action.DELETE, Z, instance + i, instance, List.of(), 0, Optional.empty()));
        }
        return new Plan(changes, List.of());
    }

    @ParameterizedTest(name = "{1} of {2} owned, confirmed [{3}], force {4} -> held {5}")
    @CsvSource({
            // some of its records: a smaller desire, not a removal
            "a, 2, 3, '', false, false",
            // every record, unconfirmed: held
            "a, 3, 3, '', false, true",
            // more deletions than the listing showed owned (stale index): still every record, held
            "a, 4, 3, '', false, true",
            // confirmed (a 200 that asks for it, or a confirmed 404)
            "a, 3, 3, 'a', false, false",
            // another instance's confirmation does not count
            "a, 3, 3, 'b', false, true",
            // force overrides
            "a, 3, 3, '', true, false",
    })
    void everyRecordOfAnInstanceNeedsConfirmation(String instance, int deletes, long owned, String confirmed,
            boolean force, boolean held) {
        Plan plan = deletions(instance, deletes);
        Set<String> ok = confirmed.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(confirmed.split(",")));
        Plan out = DeleteGuard.perInstance(plan, Map.of(instance, owned), ok, force);
        assertEquals(held ? 0 : deletes, out.deletes());
        assertEquals(1, out.changes().stream().filter(c -> c.action() == Change.Action.UPDATE).count(),
                "other changes go ahead");
        assertEquals(held, out.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.GUARD
                && f.instance().equals(instance)), out.findings().toString());
    }

    @org.junit.jupiter.api.Test
    void onlyTheUnconfirmedInstanceLosesItsDeletions() {
        List<Change> changes = new ArrayList<>(deletions("a", 2).changes());
        changes.addAll(deletions("b", 2).changes());
        Plan out = DeleteGuard.perInstance(new Plan(changes, List.of()), Map.of("a", 2L, "b", 2L), Set.of("b"),
                false);
        assertTrue(out.changes().stream().filter(c -> c.action() == Change.Action.DELETE)
                .allMatch(c -> c.instance().equals("b")));
        assertEquals(2, out.deletes());
    }
}
