package io.apimdnssync.it;

import io.apimdnssync.reconcile.GoneConfirmations;
import io.apimdnssync.reconcile.Rounds;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.sandbox.ArmEmulator;
import io.apimdnssync.sandbox.SandboxControl;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** Every integration test starts from the seed with an empty request log and no faults. */
abstract class SandboxTestBase {
    static final String GW = "contoso.azure-api.net";

    @Inject
    ArmEmulator emulator;
    @Inject
    SandboxControl control;
    @Inject
    WorkQueue queue;
    @Inject
    Rounds rounds;
    @Inject
    GoneConfirmations gone;

    SandboxDriver sandbox;

    @BeforeEach
    void resetSandbox() {
        sandbox = driver();
        sandbox.reset();
    }

    SandboxDriver driver() {
        return new SandboxDriver(emulator, control, rounds, gone, false);
    }
}
