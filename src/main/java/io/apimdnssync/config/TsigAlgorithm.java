package io.apimdnssync.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The TSIG algorithms the daemon signs with (RFC 8945); the one list, spelled as BIND and nsupdate spell them. */
public enum TsigAlgorithm {
    HMAC_SHA1,
    HMAC_SHA224,
    HMAC_SHA256,
    HMAC_SHA384,
    HMAC_SHA512;

    /** The name in key files and configuration, e.g. {@code hmac-sha256}. */
    public String keyFileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a key file's algorithm name; BIND also accepts the names with a trailing dot. */
    public static Optional<TsigAlgorithm> fromKeyFileName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        return Arrays.stream(values()).filter(a -> a.keyFileName().equals(n)).findFirst();
    }
}
