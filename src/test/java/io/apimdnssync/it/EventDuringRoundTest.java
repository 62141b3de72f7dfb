package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An event never waits behind a resync round: with ARM reads paced slowly enough that a round takes seconds, an
 * event's instance is read (from the reserve the round may not take), planned and written while the round goes on.
 */
@QuarkusTest
@TestProfile(EventDuringRoundTest.SlowReads.class)
class EventDuringRoundTest extends SandboxTestBase {
    @jakarta.inject.Inject
    io.apimdnssync.reconcile.StatusStore status;

    public static class SlowReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("apim-dns-sync.azure.reads-per-second", "5", "apim-dns-sync.azure.read-burst", "12",
                    "apim-dns-sync.azure.read-reserve", "10", "apim-dns-sync.reconcile.link-check-interval", "1h");
        }
    }

    @Test
    void aVipChangeEventIsWrittenWhileARoundIsStillRunning() throws Exception {
        for (int i = 0; i < 6; i++) {
            sandbox.addInternalInstance("inst" + i, "10.8." + i + ".4", "20.8." + i + ".4");
        }
        sandbox.pass(); // 43 zones listed and their links read, at 5 reads a second above the reserve
        // One other instance's zone answers slowly: the round cannot end before that read, whatever the order of its
        // items (their order and the machine's load are not the test's to choose).
        sandbox.fault("{\"kind\":\"latency\",\"latencyMs\":12000,\"method\":\"GET\","
                + "\"path\":\".*/privatednszones/inst5.azure-api.net/a\",\"count\":1}");
        Instant started = Instant.now();
        CompletableFuture<ReconcileReport> round = rounds.resync(Trigger.of("resync"), false);
        // The round's item for contoso has run (on the old VIP) while the others still wait for reads; only then
        // does the update end and its event arrive: only the event's keyed item can write the new VIP now.
        await().atMost(Duration.ofSeconds(20)).until(() -> status.instance(CONTOSO)
                .map(r -> r.at().isAfter(started)).orElse(false));
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\",\"3\"],\"delaySeconds\":0.2}");
        String vip = sandbox.primaryPrivate();
        assertFalse(round.isDone(), "the round is still running when the event arrives");
        queue.reconcile(CONTOSO, Trigger.event("webhook", Instant.now()), false);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(vip), sandbox.ips(GW, "@")));
        assertFalse(round.isDone(), "the record was written before the round ended");
        ReconcileReport r = round.get(2, TimeUnit.MINUTES);
        assertEquals(List.of(), r.failures());
        assertEquals(List.of(vip), sandbox.ips(GW, "@"), "the round did not undo the event's write");
    }
}
