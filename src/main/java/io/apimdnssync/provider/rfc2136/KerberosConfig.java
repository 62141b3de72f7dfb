package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.DnsServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The JDK's Kerberos configuration for the realms whose KDC is configured ({@code gss.kdc}): a krb5.conf of the
 * daemon's own (in the temporary directory), named by {@code java.security.krb5.conf}. Realms without a KDC are
 * found through DNS SRV records. When the operator points {@code java.security.krb5.conf} at a file of their own,
 * that file is used as it is and {@code gss.kdc} is ignored (with a WARN line). The JDK reads one configuration per
 * process, so every server's realm goes into the one file.
 */
final class KerberosConfig {
    private static final Logger LOG = Logger.getLogger(KerberosConfig.class);
    private static final String PROPERTY = "java.security.krb5.conf";
    private static final Map<String, String> KDCS = new TreeMap<>();
    private static Path written;

    private KerberosConfig() {
    }

    static synchronized void register(DnsServerSettings.Kerberos k) {
        if (k.kdc().isEmpty() || k.kdc().get().equals(KDCS.get(k.realm()))) {
            return;
        }
        String configured = System.getProperty(PROPERTY);
        if (configured != null && (written == null || !Path.of(configured).equals(written))) {
            LOG.warnf("%s is set (%s): gss.kdc %s of realm %s is not used; that file must name the KDC", PROPERTY,
                    configured, k.kdc().get(), k.realm());
            return;
        }
        KDCS.put(k.realm(), k.kdc().get());
        StringBuilder conf = new StringBuilder("# written by apim-dns-sync from its gss.kdc settings\n[libdefaults]\n"
                + "  dns_lookup_kdc = true\n  dns_lookup_realm = false\n  rdns = false\n"
                + "  udp_preference_limit = 1\n[realms]\n");
        KDCS.forEach((realm, kdc) -> conf.append("  ").append(realm).append(" = {\n    kdc = ").append(kdc)
                .append("\n  }\n"));
        try {
            Path file = written != null ? written : Files.createTempFile("apim-dns-sync-krb5-", ".conf");
            Files.writeString(file, conf.toString());
            written = file;
            System.setProperty(PROPERTY, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kerberos configuration for gss.kdc", e);
        }
    }
}
