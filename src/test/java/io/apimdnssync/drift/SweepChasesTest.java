package io.apimdnssync.drift;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.NameAnswer;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.source.InstanceRead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a sweep's mismatch is worth a keyed pass, and when it is not. */
class SweepChasesTest {
    static final String KEY = "/subscriptions/s/resourcegroups/g/providers/microsoft.apimanagement/service/contoso";
    static final String NAME = "contoso.azure-api.net";
    static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");

    /** The instance's last pass, ended at {@code at}, having written {@code NAME} or not. */
    static InstanceReport pass(Instant at, boolean wroteName) {
        ArmId id = ArmId.placeholder(KEY);
        List<Change> applied = wroteName ? List.of(new Change(Change.Action.CREATE, new ZoneRef("azure-private-dns",
                NAME, NAME), "@", KEY, List.of("10.0.0.4"), 300, Optional.empty())) : List.of();
        return new InstanceReport(KEY, InstanceRead.failed(id, "not read"), InstanceDesire.hold(id, "test"),
                List.of(), applied, applied, List.of(), List.of(), at);
    }

    static List<DnsObservation> answer(String... ips) {
        NameAnswer a = ips.length == 0 ? NameAnswer.answered("NXDOMAIN", List.of())
                : NameAnswer.answered("NOERROR", List.of(ips));
        return List.of(new DnsObservation(KEY, "resolver 10.0.0.1", NAME, List.of("10.0.0.4"), a, true));
    }

    @Test
    void aNewMismatchIsChasedOnceAndNotAgainAfterAPassThatLeftTheNameAlone() {
        SweepChases c = new SweepChases(Duration.ZERO);
        assertTrue(c.chase(pass(T0, false), answer(), T0.plusSeconds(1)));
        assertFalse(c.chase(pass(T0, false), answer(), T0.plusSeconds(31)), "the pass has not run yet");
        assertFalse(c.chase(pass(T0.plusSeconds(40), false), answer(), T0.plusSeconds(61)),
                "a pass found nothing to write for it");
        assertFalse(c.chase(pass(T0.plusSeconds(40), false), List.of(), T0.plusSeconds(91)), "it matches again");
        assertFalse(c.chase(pass(T0.plusSeconds(40), false), answer(), T0.plusSeconds(121)),
                "a flapping answer is not chased at every flip");
    }

    @Test
    void aMismatchAfterARepairIsNewDrift() {
        SweepChases c = new SweepChases(Duration.ZERO);
        assertTrue(c.chase(pass(T0, false), answer(), T0.plusSeconds(1)));
        assertTrue(c.chase(pass(T0.plusSeconds(10), true), answer(), T0.plusSeconds(31)),
                "the pass after the chase wrote the name: deleted again");
    }

    @Test
    void aChangedAnswerIsChasedAtMostEveryFiveMinutesAndEverythingIsForgottenAfterAnHour() {
        SweepChases c = new SweepChases(Duration.ZERO);
        assertTrue(c.chase(pass(T0, false), answer("10.9.9.9"), T0));
        assertFalse(c.chase(pass(T0.plusSeconds(5), false), answer("10.8.8.8"), T0.plusSeconds(60)));
        assertTrue(c.chase(pass(T0.plusSeconds(5), false), answer("10.8.8.8"),
                T0.plus(SweepChases.RECHASE).plusSeconds(1)));
        c.retain(java.util.Set.of(KEY), T0.plus(SweepChases.RETAIN).plus(SweepChases.RECHASE).plusSeconds(2));
        assertTrue(c.chase(pass(T0.plusSeconds(5), false), answer("10.8.8.8"),
                T0.plus(SweepChases.RETAIN).plus(SweepChases.RECHASE).plusSeconds(3)), "forgotten after an hour");
    }

    @Test
    void aResolverHoldingTheOldAnswerWithinTheGraceIsItsCache() {
        SweepChases c = new SweepChases(Duration.ofSeconds(300));
        assertTrue(c.cached(pass(T0, true), NAME, T0.plusSeconds(299)));
        assertFalse(c.cached(pass(T0, true), NAME, T0.plusSeconds(301)));
        assertFalse(c.cached(pass(T0, false), NAME, T0.plusSeconds(10)), "not written by the last pass");
    }
}
