package io.apimdnssync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Update polling depends on telling these apart: terminal, failed, in progress, and unknown. */
class ProvisioningPhaseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Succeeded, SUCCEEDED",
            "succeeded, SUCCEEDED",
            "'  Succeeded ', SUCCEEDED",
            "Failed, FAILED",
            "Canceled, FAILED",
            "Cancelled, FAILED",
            "TerminationFailed, FAILED",
            "Created, IN_PROGRESS",
            "Creating, IN_PROGRESS",
            "Activating, IN_PROGRESS",
            "Updating, IN_PROGRESS",
            "UPDATING, IN_PROGRESS",
            "Upgrading, IN_PROGRESS",
            "Terminating, IN_PROGRESS",
            "Deleting, IN_PROGRESS",
            "Restoring, IN_PROGRESS",
            "Migrating, IN_PROGRESS",
            "Moving, IN_PROGRESS",
            "Accepted, IN_PROGRESS",
            "InProgress, IN_PROGRESS",
            "Provisioning, IN_PROGRESS",
            "Scaling, IN_PROGRESS",
            "Hibernating, UNKNOWN",
            "SucceededWithWarnings, UNKNOWN",
    })
    void states(String state, ProvisioningPhase phase) {
        assertEquals(phase, ProvisioningPhase.of(state));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void noStateIsUnknown(String state) {
        assertEquals(ProvisioningPhase.UNKNOWN, ProvisioningPhase.of(state));
    }
}
