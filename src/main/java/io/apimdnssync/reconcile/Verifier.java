package io.apimdnssync.reconcile;

import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Finding;
import java.util.List;

/**
 * Checks what clients see for an instance's desired records after its work item (the drift package asks the
 * resolvers clients use). Defined here so that reconcile never imports drift.
 */
public interface Verifier {
    List<Finding> verify(InstanceDesire desire);
}
