package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ChangeReason;
import java.util.List;

/** The changes one work item made to an instance's records, each with its reason; fired after they are made. */
public record RecordsChanged(String instance, List<Made> changes) {
    public record Made(Change change, ChangeReason reason) {
    }
}
