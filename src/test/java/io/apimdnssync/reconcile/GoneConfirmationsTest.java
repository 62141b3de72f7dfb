package io.apimdnssync.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.source.ListPresence;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a 404 means gone: the window, the list, the delete event, a 200 in between, and the bound. */
class GoneConfirmationsTest {
    static final ArmId ID = ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a");
    static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    final GoneConfirmations gone = new GoneConfirmations(Duration.ofSeconds(60));

    @Test
    void oneOrTwo404sWithinTheWindowConfirmNothing() {
        GoneConfirmations.Verdict first = gone.notFound(ID, T0, true);
        assertEquals(Duration.ofSeconds(60), assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, first)
                .recheckIn());
        GoneConfirmations.Verdict second = gone.notFound(ID, T0.plusSeconds(59), true);
        assertEquals(Duration.ofSeconds(1), assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, second)
                .recheckIn(), "the recheck comes when the window ends, counted from the first 404");
    }

    @Test
    void afterTheWindowTheListDecides() {
        gone.notFound(ID, T0, true);
        assertInstanceOf(GoneConfirmations.Verdict.ListNeeded.class, gone.notFound(ID, T0.plusSeconds(60), true));
        assertInstanceOf(GoneConfirmations.Verdict.Confirmed.class,
                gone.listed(ID, T0.plusSeconds(60), ListPresence.of(false), true));
    }

    @Test
    void anInstanceTheListShowsStartsTheWindowAgain() {
        gone.notFound(ID, T0, true);
        gone.notFound(ID, T0.plusSeconds(61), true);
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class,
                gone.listed(ID, T0.plusSeconds(61), ListPresence.of(true), true));
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, gone.notFound(ID, T0.plusSeconds(100), true),
                "the window restarted at the list");
    }

    @Test
    void aFailedListConfirmsNothing() {
        gone.notFound(ID, T0, true);
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class,
                gone.listed(ID, T0.plusSeconds(61), ListPresence.unknown("HTTP 500"), true));
        assertInstanceOf(GoneConfirmations.Verdict.ListNeeded.class, gone.notFound(ID, T0.plusSeconds(62), true),
                "the first 404 still counts");
    }

    @Test
    void a200InBetweenForgetsThe404() {
        gone.notFound(ID, T0, true);
        gone.found(ID, T0.plusSeconds(30));
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, gone.notFound(ID, T0.plusSeconds(120), true));
    }

    @Test
    void aDeleteEventConfirmsTheFirst404UntilA200() {
        gone.deleteEvent(ID, T0);
        assertInstanceOf(GoneConfirmations.Verdict.Confirmed.class, gone.notFound(ID, T0, true));
        gone.found(ID, T0.plusSeconds(1));
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, gone.notFound(ID, T0.plusSeconds(1), true),
                "re-created since: the old event no longer counts");
    }

    @Test
    void aDeleteEventOlderThanTheLast200IsHistory() {
        gone.found(ID, T0.plusSeconds(10));
        gone.deleteEvent(ID, T0); // delivered late (Event Grid retries, a Kafka replay): the instance was read since
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, gone.notFound(ID, T0.plusSeconds(20), true));
        gone.deleteEvent(ID, T0.plusSeconds(30)); // deleted after that read
        assertInstanceOf(GoneConfirmations.Verdict.Confirmed.class, gone.notFound(ID, T0.plusSeconds(31), true));
    }

    @Test
    void a200BetweenTheWindowAndTheListStartsAgain() {
        gone.notFound(ID, T0, true);
        assertInstanceOf(GoneConfirmations.Verdict.ListNeeded.class, gone.notFound(ID, T0.plusSeconds(61), true));
        gone.found(ID, T0.plusSeconds(61)); // another item read it meanwhile
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class,
                gone.listed(ID, T0.plusSeconds(62), ListPresence.of(false), true));
    }

    @Test
    void aDryRunLeavesNoTrace() {
        gone.notFound(ID, T0, false);
        assertEquals(0, gone.tracked());
        assertInstanceOf(GoneConfirmations.Verdict.Unconfirmed.class, gone.notFound(ID, T0.plusSeconds(120), true));
    }

    @Test
    void madeUpIdsCannotGrowIt() {
        for (int i = 0; i < GoneConfirmations.MAX_TRACKED + 500; i++) {
            gone.notFound(ArmId.of("/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/x"
                    + i), T0, true);
        }
        assertTrue(gone.tracked() <= GoneConfirmations.MAX_TRACKED);
    }
}
