package io.apimdnssync.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One RFC 2136 server after validation. */
public record DnsServerSettings(String name, String address, int port, List<String> zones, boolean tcp,
        Duration timeout, ReadMode read, Optional<TsigKey> tsig) {

    public enum ReadMode {
        AUTO,
        AXFR,
        QUERY
    }

    /** A TSIG key; the secret never appears in toString, logs or the status API. */
    public record TsigKey(String name, String algorithm, String secret) {
        @Override
        public String toString() {
            return "TsigKey[" + name + ", " + algorithm + ", secret=***]";
        }
    }
}
