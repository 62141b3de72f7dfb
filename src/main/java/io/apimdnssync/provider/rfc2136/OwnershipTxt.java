package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.plan.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The companion TXT record that marks an A record as ours on a DNS server: at {@code _apim-dns-sync.<name>}, one
 * string per field ({@code managed-by=…}, {@code owner-id=…}, {@code instance=…}).
 */
final class OwnershipTxt {
    static final String PREFIX = "_apim-dns-sync";

    private OwnershipTxt() {
    }

    /** The owner record's name relative to the zone, for an A record's relative name. */
    static String ownerName(String relativeName) {
        return "@".equals(relativeName) ? PREFIX : PREFIX + "." + relativeName;
    }

    /** The A record's relative name, if this relative name is an owner record's. */
    static Optional<String> recordName(String ownerRelativeName) {
        if (ownerRelativeName.equals(PREFIX)) {
            return Optional.of("@");
        }
        return ownerRelativeName.startsWith(PREFIX + ".")
                ? Optional.of(ownerRelativeName.substring(PREFIX.length() + 1)) : Optional.empty();
    }

    static List<String> strings(Ownership o) {
        List<String> out = new ArrayList<>();
        o.toMetadata().forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    static Map<String, String> parse(List<String> strings) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : strings) {
            int eq = s.indexOf('=');
            if (eq > 0) {
                m.put(s.substring(0, eq), s.substring(eq + 1));
            }
        }
        return m;
    }
}
