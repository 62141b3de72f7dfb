package io.apimdnssync.drift;

import io.apimdnssync.provider.NameAnswer;
import java.util.List;

/**
 * One answer of the DNS sweep that differs from the desired addresses: {@code endpoint} is the RFC 2136 provider
 * ({@code rfc2136:<server>}) or {@code resolver <ip:port>}.
 */
public record DnsObservation(String instance, String endpoint, String fqdn, List<String> expected, NameAnswer answer,
        boolean resolver) {

    /** The question: the same name asked of the same endpoint, whatever the answer. */
    String question() {
        return endpoint + "|" + fqdn;
    }
}
