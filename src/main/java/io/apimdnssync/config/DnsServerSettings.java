package io.apimdnssync.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One RFC 2136 server with its authentication resolved: a TSIG key (a key file is read once, at start-up), Kerberos
 * for GSS-TSIG, or none.
 */
public record DnsServerSettings(String name, String address, int port, List<String> zones, Transport transport,
        Duration timeout, ReadMode read, Optional<TsigKey> tsig, Optional<Kerberos> gss) {

    public DnsServerSettings(String name, String address, int port, List<String> zones, Transport transport,
            Duration timeout, ReadMode read, Optional<TsigKey> tsig) {
        this(name, address, port, zones, transport, timeout, read, tsig, Optional.empty());
    }

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

    /**
     * GSS-TSIG's Kerberos side: the daemon's principal ({@code name@REALM}), its keytab or password, optionally the
     * KDC, and the DNS server's service principal {@code DNS/serviceHost@REALM}. The password never appears in
     * toString, logs or the status API.
     */
    public record Kerberos(String realm, String principal, Optional<String> keytab, Optional<String> password,
            Optional<String> kdc, String serviceHost, Duration contextLifetime) {
        public String servicePrincipal() {
            return "DNS/" + serviceHost + "@" + realm;
        }

        @Override
        public String toString() {
            return "Kerberos[" + principal + ", " + keytab.map(k -> "keytab " + k).orElse("password ***")
                    + kdc.map(k -> ", kdc " + k).orElse("") + ", " + servicePrincipal() + "]";
        }
    }

    public DnsAuth auth() {
        return gss.isPresent() ? DnsAuth.GSS_TSIG : tsig.isPresent() ? DnsAuth.TSIG : DnsAuth.NONE;
    }

    /** Resolves a configured server; {@link ConfigCheck} has reported anything that makes this throw. */
    public static DnsServerSettings of(SyncConfig.DnsServer d) {
        boolean gss = d.auth().filter(a -> a == DnsAuth.GSS_TSIG).isPresent();
        return new DnsServerSettings(d.name().orElse(d.address() + ":" + d.port()), d.address(), d.port(), d.zones(),
                d.transport(), d.timeout(), d.read(), gss ? Optional.empty() : key(d.tsig()),
                gss ? Optional.of(kerberos(d)) : Optional.empty());
    }

    static Kerberos kerberos(SyncConfig.DnsServer d) {
        SyncConfig.Gss g = d.gss();
        String realm = g.realm().orElseThrow().trim().toUpperCase(Locale.ROOT);
        String principal = g.principal().orElseThrow().trim();
        return new Kerberos(realm, principal.contains("@") ? principal : principal + "@" + realm,
                g.keytab().map(String::trim), g.password(), g.kdc().map(String::trim),
                g.serviceHost().map(String::trim).orElse(d.address().trim()).toLowerCase(Locale.ROOT).replaceAll("\\.$",
                        ""),
                g.contextLifetime());
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
