package io.apimdnssync.provider.rfc2136;

import java.time.Instant;
import java.util.Map;

/** The last thing one RFC 2136 server did, per zone: for the status API. */
public record ServerStatus(String server, String address, String readMode, Map<String, ZoneResult> zones) {
    public record ZoneResult(String lastRead, String readVia, String lastUpdate, Instant at) {
    }
}
