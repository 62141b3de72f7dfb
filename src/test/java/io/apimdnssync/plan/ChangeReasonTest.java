package io.apimdnssync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.source.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why a change is made: the reasons the audit trail and the change counter carry. */
class ChangeReasonTest {
    static final ZoneRef Z = new ZoneRef("azure", "/zones/contoso.com", "contoso.com");
    static final CurrentRecord OLD = new CurrentRecord(Z, "api", List.of("10.0.0.1"), 300, Optional.of("e"),
            Optional.empty(), Map.of());

    static Change change(Change.Action a, String... ips) {
        return new Change(a, Z, "api", "i", List.of(ips), 300, a == Change.Action.CREATE ? Optional.empty()
                : Optional.of(OLD));
    }

    static List<DesiredRecord> desired(String... ips) {
        return List.of(new DesiredRecord("api.contoso.com", List.of(ips), Endpoint.GATEWAY));
    }

    @Test
    void reasons() {
        assertEquals(ChangeReason.NEW_NAME, ChangeReason.of(change(Change.Action.CREATE, "10.0.0.2"), false,
                desired("10.0.0.2"), Optional.empty()));
        assertEquals(ChangeReason.NEW_NAME, ChangeReason.of(change(Change.Action.CREATE, "10.0.0.2"), false,
                desired("10.0.0.2"), Optional.of(List.of())));
        assertEquals(ChangeReason.DRIFT_REPAIR, ChangeReason.of(change(Change.Action.CREATE, "10.0.0.2"), false,
                desired("10.0.0.2"), Optional.of(desired("10.0.0.2"))), "desired before, missing now: deleted");
        assertEquals(ChangeReason.VIP_CHANGE, ChangeReason.of(change(Change.Action.UPDATE, "10.0.0.2"), false,
                desired("10.0.0.2"), Optional.of(desired("10.0.0.1"))));
        assertEquals(ChangeReason.DRIFT_REPAIR, ChangeReason.of(change(Change.Action.UPDATE, "10.0.0.2"), false,
                desired("10.0.0.2"), Optional.of(desired("10.0.0.2"))), "same desire, the record was edited");
        assertEquals(ChangeReason.INSTANCE_REMOVED, ChangeReason.of(change(Change.Action.DELETE), true, List.of(),
                Optional.of(desired("10.0.0.1"))));
        assertEquals(ChangeReason.MODE_CHANGE, ChangeReason.of(change(Change.Action.DELETE), false, List.of(),
                Optional.of(desired("10.0.0.1"))));
        assertEquals(ChangeReason.NAME_REMOVED, ChangeReason.of(change(Change.Action.DELETE), false,
                List.of(new DesiredRecord("other.contoso.com", List.of("10.0.0.1"), Endpoint.GATEWAY)),
                Optional.of(desired("10.0.0.1"))));
        assertEquals("vip-change", ChangeReason.VIP_CHANGE.wireName());
    }
}
