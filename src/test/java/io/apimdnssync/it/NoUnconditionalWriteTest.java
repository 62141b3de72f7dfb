package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProviders;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * No update or delete without a precondition: a change planned on a record set read without an ETag goes back to be
 * re-read (stale), and the Private DNS provider sends nothing for it.
 */
@QuarkusTest
class NoUnconditionalWriteTest extends SandboxTestBase {
    @Inject
    DnsProviders providers;

    @Test
    void aRecordSetWithoutAnEtagIsReReadNeverWrittenBlind() {
        sandbox.pass();
        ZoneRef zone = providers.zones().stream().filter(z -> z.name().equals(GW)).findFirst().orElseThrow();
        CurrentRecord noEtag = new CurrentRecord(zone, "@", List.of("10.1.0.10"), 300, Optional.empty(),
                Optional.of(Ownership.of("default", SandboxDriver.CONTOSO)), Map.of());
        sandbox.log().clear();
        for (Change.Action action : List.of(Change.Action.UPDATE, Change.Action.DELETE)) {
            Change c = new Change(action, zone, "@", SandboxDriver.CONTOSO, List.of("10.9.9.9"), 300,
                    Optional.of(noEtag));
            ApplyResult r = providers.forZone(zone).apply(zone, List.of(c));
            assertEquals(List.of(c), r.stale(), action + " goes back to be re-read");
            assertEquals(List.of(), r.applied());
        }
        assertEquals(List.of(), sandbox.writes(), "nothing was sent");
        assertEquals(List.of("10.1.0.10"), sandbox.ips(GW, "@"));
    }
}
