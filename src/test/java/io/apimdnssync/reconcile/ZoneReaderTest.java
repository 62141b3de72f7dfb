package io.apimdnssync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.Parallel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ZoneReaderTest {
    final FakeProvider azure = new FakeProvider("azure", true);
    final FakeProvider perName = new FakeProvider("dc1", false);
    final ZoneRef gw = azure.zone("a.azure-api.net");
    final ZoneRef shared = azure.zone("contoso.com");
    final ZoneRef onServer = perName.zone("corp.contoso.com");
    final ZoneReader reader = new ZoneReader(z -> z.provider().equals("azure") ? azure : perName,
            new Parallel(Executors.newFixedThreadPool(4), 4));

    @Test
    void aZoneThatCannotBeReadIsAFindingAndTheOthersAreListed() {
        azure.put(gw, "@", List.of("10.0.0.1"), Optional.of("x"));
        azure.unreadable.add(shared);
        ZoneReader.Listing l = reader.read(List.of(gw, shared), Map.of(), Priority.KEYED, Optional.empty());
        assertEquals(Set.of(gw), l.records().keySet());
        assertEquals(1, l.records().get(gw).size());
        assertEquals(1, l.findings().size());
        Finding f = l.findings().get(0);
        assertEquals(Finding.Kind.ZONE_UNAVAILABLE, f.kind());
        assertEquals("contoso.com", f.zone());
        assertEquals("azure", f.provider());
        assertTrue(f.message().contains("HTTP 503"), f.message());
        assertTrue(l.listedAt().containsKey(gw) && !l.listedAt().containsKey(shared));
    }

    @Test
    void withinARoundAZoneIsListedOnceHoweverManyItemsNeedIt() {
        RoundZones round = new RoundZones();
        for (int i = 0; i < 5; i++) {
            reader.read(List.of(gw, shared), Map.of(), Priority.RESYNC, Optional.of(round));
        }
        assertEquals(1, azure.lists.get(gw).get());
        assertEquals(1, azure.lists.get(shared).get());
        assertEquals(2, round.size());
    }

    @Test
    void keyedWorkReadsAfresh() {
        reader.read(List.of(gw), Map.of(), Priority.KEYED, Optional.empty());
        reader.read(List.of(gw), Map.of(), Priority.KEYED, Optional.empty());
        assertEquals(2, azure.lists.get(gw).get());
    }

    @Test
    void aServerReadPerNameIsAskedForEachItemsNamesAndNeverShared() {
        perName.put(onServer, "api", List.of("10.0.0.1"), Optional.of("x"));
        perName.put(onServer, "www", List.of("10.0.0.2"), Optional.of("y"));
        RoundZones round = new RoundZones();
        ZoneReader.Listing first = reader.read(List.of(onServer), Map.of(onServer, Set.of("api")), Priority.RESYNC,
                Optional.of(round));
        ZoneReader.Listing second = reader.read(List.of(onServer), Map.of(onServer, Set.of("www")), Priority.RESYNC,
                Optional.of(round));
        assertEquals(List.of("api"), first.records().get(onServer).stream().map(r -> r.relativeName()).toList());
        assertEquals(List.of("www"), second.records().get(onServer).stream().map(r -> r.relativeName()).toList());
        assertEquals(List.of(Set.of("api"), Set.of("www")), perName.namesAsked);
        assertEquals(0, round.size());
    }
}
