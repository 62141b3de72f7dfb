package io.apimdnssync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanTest {
    static final ZoneRef A = new ZoneRef("azure", "/zones/a", "a.example");
    static final ZoneRef B = new ZoneRef("azure", "/zones/b", "b.example");

    static Change change(Change.Action action, ZoneRef z, String name) {
        Optional<CurrentRecord> before = action == Change.Action.CREATE ? Optional.empty()
                : Optional.of(new CurrentRecord(z, name, List.of("10.0.0.1"), 300, Optional.of("e"), Optional.empty(),
                        Map.of()));
        return new Change(action, z, name, "i", List.of("10.0.0.2"), 300, before);
    }

    final Change createB = change(Change.Action.CREATE, B, "x");
    final Change deleteA = change(Change.Action.DELETE, A, "y");
    final Change updateA = change(Change.Action.UPDATE, A, "z");
    final Change deleteB = change(Change.Action.DELETE, B, "w");
    final Plan plan = new Plan(List.of(createB, deleteA, updateA, deleteB), List.of());

    @Test
    void countsItsDeletes() {
        assertEquals(2, plan.deletes());
        assertEquals(0, new Plan(List.of(createB, updateA), List.of()).deletes());
    }

    @Test
    void withoutDeletesKeepsTheRestInOrderAndSaysWhy() {
        Finding why = Finding.of(Finding.Kind.GUARD, "", "", "", "no");
        Plan p = plan.withoutDeletes(why);
        assertEquals(List.of(createB, updateA), p.changes());
        assertEquals(List.of(why), p.findings());
    }

    @Test
    void groupsByZoneInTheOrderZonesFirstAppear() {
        Map<ZoneRef, List<Change>> byZone = plan.byZone();
        assertEquals(List.of(B, A), List.copyOf(byZone.keySet()));
        assertEquals(List.of(createB, deleteB), byZone.get(B));
        assertEquals(List.of(deleteA, updateA), byZone.get(A));
    }
}
