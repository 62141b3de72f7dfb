package io.apimdnssync.desired;

import io.apimdnssync.source.Endpoint;
import java.util.List;

/** An A record set that should exist: a host name and its sorted IPv4 addresses. */
public record DesiredRecord(String fqdn, List<String> ips, Endpoint endpoint) {
    public DesiredRecord {
        ips = ips.stream().distinct().sorted().toList();
    }
}
