package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Observe mode with the DNS sweep: an out-of-band edit of an owned record is found by the sweep, reported (drift
 * group, alert) and never corrected — no write at all, and the same answer is not chased again.
 */
@QuarkusTest
@TestProfile(DnsSweepObserveTest.ObserveAndSweep.class)
class DnsSweepObserveTest extends SandboxTestBase {
    static final int RECEIVER = 18657;
    static final Duration INTERVAL = Duration.ofSeconds(2);

    public static class ObserveAndSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new java.util.HashMap<>(AlertReceiver.sink(RECEIVER));
            c.putAll(Map.of("apim-dns-sync.mode", "observe", "apim-dns-sync.sweep.enabled", "true",
                    "apim-dns-sync.sweep.interval", "2s"));
            return c;
        }
    }

    @RegisterExtension
    final AlertReceiver receiver = new AlertReceiver(RECEIVER);

    long count(String type, String kind, String name, Instant since) {
        return receiver.count(type, kind, name, since);
    }

    @Test
    void driftIsReportedAndAlertedButNeverCorrected() {
        String owned = "{\"managed-by\":\"apim-dns-sync\",\"owner-id\":\"apim-dns-sync\",\"instance\":\""
                + SandboxDriver.CONTOSO.toLowerCase(Locale.ROOT) + "\"}";
        sandbox.putRecord(GW, "@", "{\"ips\":[\"" + sandbox.primaryPrivate() + "\"],\"metadata\":" + owned + "}");
        sandbox.pass();
        Instant edited = Instant.now();
        sandbox.putRecord(GW, "@", "{\"ips\":[\"10.66.66.66\"],\"metadata\":" + owned + "}");

        await().atMost(INTERVAL.plusSeconds(3)).until(() -> count("Opened", "wrong-address", GW, edited) == 1);
        Management.given().get("/q/health/group/drift").then().statusCode(503)
                .body("checks[0].data.toString()", containsString("wrong-address " + GW));
        double passes = DnsSweepTest.sweepPasses();
        await().during(INTERVAL.multipliedBy(3)).atMost(INTERVAL.multipliedBy(4))
                .until(() -> sandbox.ips(GW, "@").equals(List.of("10.66.66.66"))
                        && count("Closed", "wrong-address", GW, edited) == 0 && DnsSweepTest.sweepPasses() == passes);
        assertEquals(List.of(), sandbox.writes(), "observe mode writes nothing");
    }
}
