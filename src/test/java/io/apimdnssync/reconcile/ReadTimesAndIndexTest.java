package io.apimdnssync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.desired.Snapshots;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.source.InstanceRead;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two pieces of state that keep rounds from undoing newer work: read times and the owned-record index. */
class ReadTimesAndIndexTest {
    static final String KEY = Snapshots.ID.key();
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aRoundsSnapshotIsSupersededByANewerFoundOrGoneReadButNotByAFailedOne() {
        ReadTimes t = new ReadTimes();
        assertFalse(t.readSince(KEY, T0));
        t.read(KEY, InstanceRead.failed(Snapshots.ID, "HTTP 429"), T0.plusSeconds(60));
        assertFalse(t.readSince(KEY, T0), "a failed read says nothing");
        t.read(KEY, InstanceRead.gone(Snapshots.ID), T0.plusSeconds(5));
        assertTrue(t.readSince(KEY, T0), "confirmed gone after the round listed it");
        assertFalse(t.readSince(KEY, T0.plusSeconds(5)));
        assertFalse(t.readSince("/other", T0));
    }

    @Test
    void theNewestReadWinsWhateverTheOrder() {
        ReadTimes t = new ReadTimes();
        t.read(KEY, InstanceRead.gone(Snapshots.ID), T0.plusSeconds(10));
        t.read(KEY, InstanceRead.gone(Snapshots.ID), T0.plusSeconds(2));
        assertTrue(t.readSince(KEY, T0.plusSeconds(9)));
    }

    @Test
    void aPerNameReadReplacesOnlyTheNamesItAsked() {
        FakeProvider dns = new FakeProvider("dc1", false);
        ZoneRef z = dns.zone("corp.example");
        String a = "/subscriptions/s/resourcegroups/g/providers/microsoft.apimanagement/service/a";
        String b = "/subscriptions/s/resourcegroups/g/providers/microsoft.apimanagement/service/b";
        OwnedIndex index = new OwnedIndex();
        index.update(z, List.of(dns.put(z, "api", List.of("10.0.0.1"), Optional.of(a)), dns.put(z, "shop",
                List.of("10.0.0.2"), Optional.of(b))), FakeProvider.OWNER, T0, Optional.empty());
        assertEquals(2, index.total());
        index.update(z, List.of(dns.put(z, "www", List.of("10.0.0.1"), Optional.of(a))), FakeProvider.OWNER,
                T0.plusSeconds(1), Optional.of(Set.of("api", "www")));
        assertEquals(Set.of("www"), index.names(z, a), "api was asked for and not found; www was found");
        assertEquals(Set.of("shop"), index.names(z, b), "b's name was not asked for: still known");
        assertEquals(Set.of(a, b), index.owners(z));
        index.update(z, List.of(), FakeProvider.OWNER, T0.plusSeconds(2), Optional.empty());
        assertEquals(0, index.total(), "a whole-zone read replaces the zone");
    }

    @Test
    void aListingOlderThanALaterWriteDoesNotUndoIt() {
        FakeProvider dns = new FakeProvider("azure", true);
        ZoneRef z = dns.zone("contoso.com");
        OwnedIndex index = new OwnedIndex();
        ArmId a = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a");
        index.applied(List.of(new io.apimdnssync.plan.Change(io.apimdnssync.plan.Change.Action.CREATE, z, "api",
                a.key(), List.of("10.0.0.1"), 300, Optional.empty())));
        index.update(z, List.of(), FakeProvider.OWNER, Instant.now().minusSeconds(30), Optional.empty());
        assertEquals(Set.of("api"), index.names(z, a.key()));
        assertFalse(index.complete());
        index.markComplete();
        assertTrue(index.complete());
    }
}
