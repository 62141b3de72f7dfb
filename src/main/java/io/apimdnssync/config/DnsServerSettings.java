package io.apimdnssync.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One RFC 2136 server with its TSIG key resolved (a key file is read once, at start-up). */
public record DnsServerSettings(String name, String address, int port, List<String> zones, Transport transport,
        Duration timeout, ReadMode read, Optional<TsigKey> tsig) {

    public DnsServerSettings {
        zones = zones.stream().map(z -> z.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "")).toList();
    }

    /** A TSIG key; the secret never appears in toString, logs or the status API. */
    public record TsigKey(String name, TsigAlgorithm algorithm, String secret) {
        @Override
        public String toString() {
            return "TsigKey[" + name + ", " + algorithm.keyFileName() + ", secret=***]";
        }
    }

    /** Resolves a configured server; {@link ConfigCheck} has reported anything that makes this throw. */
    public static DnsServerSettings of(SyncConfig.DnsServer d) {
        return new DnsServerSettings(d.name().orElse(d.address() + ":" + d.port()), d.address(), d.port(), d.zones(),
                d.transport(), d.timeout(), d.read(), key(d.tsig()));
    }

    static Optional<TsigKey> key(SyncConfig.Tsig t) {
        if (t.keyFile().isPresent()) {
            try {
                return Optional.of(TsigKeys.fromKeyFile(Path.of(t.keyFile().get())));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + t.keyFile().get() + " (" + e.getMessage() + ")", e);
            }
        }
        if (t.keyName().isPresent() && t.secret().isPresent()) {
            return Optional.of(new TsigKey(t.keyName().get().trim(), t.algorithm(), t.secret().get().trim()));
        }
        return Optional.empty();
    }
}
