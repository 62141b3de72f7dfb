package io.apimdnssync.reconcile;

import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Change;
import java.time.Instant;
import java.util.List;

/**
 * A pass's plan before it is applied, fired when it changes something: drift found in it is known before the writes,
 * which may take a while. The {@link InstanceReport} that follows says what was applied.
 */
public record PlannedChanges(String instance, InstanceDesire desire, List<Change> planned, Instant at) {
}
