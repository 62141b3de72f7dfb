package io.apimdnssync.plan;

import java.util.List;
import java.util.Optional;

/**
 * One write. CREATE goes with If-None-Match: *, UPDATE and DELETE with If-Match: the version it was planned on.
 * {@code before} is the current record (UPDATE, DELETE); {@code ips} and {@code ttl} the new content (CREATE,
 * UPDATE).
 */
public record Change(Action action, ZoneRef zone, String relativeName, String instance, List<String> ips, long ttl,
        Optional<CurrentRecord> before) {

    public enum Action {
        CREATE,
        UPDATE,
        DELETE
    }

    public String fqdn() {
        return zone.fqdn(relativeName);
    }

    public Optional<String> expectedVersion() {
        return before.flatMap(CurrentRecord::version);
    }

    @Override
    public String toString() {
        return action + " " + fqdn() + (action == Action.DELETE ? "" : " -> " + ips)
                + before.map(b -> " (was " + b.ips() + ")").orElse("");
    }
}
