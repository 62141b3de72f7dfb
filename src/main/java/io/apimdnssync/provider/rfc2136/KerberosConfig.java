package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.DnsServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final String MARK = "# written by apim-dns-sync from its gss.kdc settings";
    private static final Path SYSTEM = Path.of("/etc/krb5.conf");
    private static final Pattern REALM = Pattern.compile("\\s{2}(\\S+) = \\{");
    private static final Pattern KDC = Pattern.compile("\\s{4}kdc = (\\S+)");

    private KerberosConfig() {
    }

    static synchronized void register(DnsServerSettings.Kerberos k) {
        if (k.kdc().isEmpty()) {
            return;
        }
        String configured = System.getProperty(PROPERTY);
        Optional<Path> ours = Optional.ofNullable(configured).map(Path::of).filter(KerberosConfig::written);
        if (configured != null && ours.isEmpty()) {
            LOG.warnf("%s is set (%s): gss.kdc %s of realm %s is not used; that file must name the KDC", PROPERTY,
                    configured, k.kdc().get(), k.realm());
            return;
        }
        // The file is the state (the JDK reads one per process): what it holds, plus this KDC.
        Map<String, Set<String>> kdcs = ours.map(KerberosConfig::read).orElseGet(TreeMap::new);
        if (!kdcs.computeIfAbsent(k.realm(), r -> new TreeSet<>()).add(k.kdc().get()) && ours.isPresent()) {
            return;
        }
        // The machine's own configuration stays in force (its realms, domain_realm, enctypes); ours adds the KDCs.
        StringBuilder conf = new StringBuilder(MARK + "\n");
        if (Files.isReadable(SYSTEM)) {
            conf.append("include ").append(SYSTEM).append('\n');
        }
        conf.append("[libdefaults]\n  dns_lookup_kdc = true\n  rdns = false\n  udp_preference_limit = 1\n[realms]\n");
        kdcs.forEach((realm, list) -> {
            conf.append("  ").append(realm).append(" = {\n");
            list.forEach(kdc -> conf.append("    kdc = ").append(kdc).append('\n'));
            conf.append("  }\n");
        });
        try {
            Path file = ours.isPresent() ? ours.get() : Files.createTempFile("apim-dns-sync-krb5-", ".conf");
            Files.writeString(file, conf.toString());
            System.setProperty(PROPERTY, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kerberos configuration for gss.kdc", e);
        }
    }

    private static boolean written(Path file) {
        try {
            return Files.isReadable(file) && Files.readAllLines(file).stream().findFirst().filter(MARK::equals)
                    .isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** The realms and KDCs of a file this class wrote. */
    private static Map<String, Set<String>> read(Path file) {
        Map<String, Set<String>> out = new TreeMap<>();
        String realm = null;
        try {
            for (String line : Files.readAllLines(file)) {
                Matcher r = REALM.matcher(line);
                Matcher k = KDC.matcher(line);
                if (r.matches()) {
                    realm = r.group(1);
                } else if (k.matches() && realm != null) {
                    out.computeIfAbsent(realm, x -> new TreeSet<>()).add(k.group(1));
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot read %s (%s); writing it anew", file, e.getMessage());
        }
        return out;
    }
}
