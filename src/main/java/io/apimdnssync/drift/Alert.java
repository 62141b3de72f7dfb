package io.apimdnssync.drift;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One thing to tell people: a drift episode opened or closed, records changed, a VIP changed. {@code type} is the
 * CloudEvents type ({@code ApimDnsSync.DriftOpened} …), {@code subject} the instance, {@code data} the payload.
 */
public record Alert(String id, String type, String subject, Map<String, Object> data, Instant at) {
    public static final String DRIFT_OPENED = "ApimDnsSync.DriftOpened";
    public static final String DRIFT_CLOSED = "ApimDnsSync.DriftClosed";
    public static final String RECORDS_CHANGED = "ApimDnsSync.RecordsChanged";
    public static final String VIP_CHANGED = "ApimDnsSync.VipChanged";

    public Alert {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    static Alert of(String type, String subject, Map<String, Object> data) {
        return new Alert(UUID.randomUUID().toString(), type, subject, data, Instant.now());
    }

    boolean drift() {
        return type.equals(DRIFT_OPENED) || type.equals(DRIFT_CLOSED);
    }
}
