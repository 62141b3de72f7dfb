package io.apimdnssync.provider;

import java.util.List;
import java.util.Optional;

/**
 * What a DNS server answered for a name's A records: the addresses (sorted; empty for NXDOMAIN or no A record), the
 * response code, or why there was no usable answer (timeout, refused connection, an unverified signature).
 */
public record NameAnswer(List<String> addresses, String rcode, Optional<String> failure) {
    public NameAnswer {
        addresses = addresses.stream().sorted().distinct().toList();
    }

    public static NameAnswer answered(String rcode, List<String> addresses) {
        return new NameAnswer(addresses, rcode, Optional.empty());
    }

    public static NameAnswer failed(String why) {
        return new NameAnswer(List.of(), "", Optional.of(why));
    }

    /** The server answered (any rcode but SERVFAIL/REFUSED, which say nothing about the name). */
    public boolean answered() {
        return failure.isEmpty() && (rcode.equals("NOERROR") || rcode.equals("NXDOMAIN"));
    }

    /** Whether the answer holds exactly these addresses. */
    public boolean matches(List<String> expected) {
        return answered() && addresses.equals(expected.stream().sorted().distinct().toList());
    }

    /** In words: the addresses, "NXDOMAIN", "no A record", or the failure. */
    public String describe() {
        if (failure.isPresent()) {
            return failure.get();
        }
        if (!addresses.isEmpty()) {
            return String.join(",", addresses);
        }
        return rcode.equals("NOERROR") ? "no A record" : rcode;
    }
}
