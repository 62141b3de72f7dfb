package io.apimdnssync.events;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.ManagedScope;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps only events about an APIM service the daemon manages or may discover. Child resources (APIs, policies,
 * products …) and other types are dropped cheaply. IDs are compared case-insensitively.
 */
public final class EventFilter {
    public static final String APIM = "microsoft.apimanagement/service";
    /** Longer than any APIM child resource ID ARM issues; a longer one is not looked at. */
    static final int MAX_ID_LENGTH = 2048;

    public enum Verdict {
        RELEVANT("relevant"),
        CHILD_RESOURCE("dropped-child-resource"),
        OTHER_TYPE("dropped-other-type"),
        UNMANAGED("dropped-unmanaged"),
        NO_RESOURCE("dropped-no-resource"),
        INVALID_ID("dropped-invalid-id");

        private final String counter;

        Verdict(String counter) {
            this.counter = counter;
        }

        public String counter() {
            return counter;
        }
    }

    public record Decision(Verdict verdict, Optional<ArmId> instance) {
    }

    private final ManagedScope scope;

    public EventFilter(ManagedScope scope) {
        this.scope = scope;
    }

    public Decision decide(String resourceId) {
        if (resourceId == null || resourceId.isBlank()) {
            return new Decision(Verdict.NO_RESOURCE, Optional.empty());
        }
        String lower = resourceId.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("/providers/" + APIM + "/");
        if (at < 0) {
            return new Decision(Verdict.OTHER_TYPE, Optional.empty());
        }
        if (resourceId.length() > MAX_ID_LENGTH) {
            return new Decision(Verdict.INVALID_ID, Optional.empty());
        }
        Optional<ArmId> id = ArmId.parse(resourceId);
        if (id.isEmpty()) {
            return new Decision(Verdict.CHILD_RESOURCE, Optional.empty());
        }
        if (!id.get().isWellFormedApim()) {
            return new Decision(Verdict.INVALID_ID, Optional.empty());
        }
        boolean managed = scope.mayManage(id.get());
        return managed ? new Decision(Verdict.RELEVANT, id) : new Decision(Verdict.UNMANAGED, Optional.empty());
    }
}
