package io.apimdnssync.config;

import java.util.List;

/** Contributes RFC 2136 servers beyond the configured ones (the dev sandbox's own BIND, say). */
public interface DnsServerSource {
    List<DnsServerSettings> servers();
}
