package io.apimdnssync.it;

import io.apimdnssync.sandbox.LocalBind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away Kerberos realm on loopback: Debian's MIT KDC ({@code krb5kdc}, set up with {@code kdb5_util} and
 * {@code kadmin.local}), the daemon's principal with a password, and {@code DNS/<host>} in a keytab for BIND; and a
 * BIND 9 that accepts GSS-TSIG ({@code tkey-gssapi-keytab}) for one zone, granting the daemon's principal A and TXT
 * records. Every file lives in one directory; nothing touches the machine's own Kerberos configuration.
 */
public final class KerberosRealm implements AutoCloseable {

    public static final String DAEMON = "apim-dns-sync";
    public static final String DAEMON_PASSWORD = "daemon-password-for-tests";
    /** The DNS server's host name; its service principal is DNS/localhost. */
    public static final String HOST = "localhost";

    /**
     * A realm name of its own (by its KDC's port: unique even across class loaders): the JDK's Kerberos configuration
     * is one per process, and outlives a test's realm.
     */
    private final String realm;
    private final Path dir;
    private final int kdcPort;
    private final Map<Integer, Process> binds = new java.util.concurrent.ConcurrentHashMap<>();
    private Process kdc;

    private KerberosRealm(Path dir, int kdcPort) {
        this.dir = dir;
        this.kdcPort = kdcPort;
        this.realm = "APIM" + kdcPort + ".TEST";
    }

    /** Whether the KDC's tools are installed (src/test/setup/ensure-bind.sh installs them where the build may). */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/krb5kdc")) && Files.isExecutable(Path.of("/usr/sbin/kdb5_util"))
                && Files.isExecutable(Path.of("/usr/sbin/kadmin.local"));
    }

    public static KerberosRealm create() throws Exception {
        Path dir = Files.createTempDirectory("apim-dns-sync-krb5-");
        KerberosRealm r = new KerberosRealm(dir, freePort());
        r.configure();
        r.startKdc(Duration.ZERO);
        return r;
    }

    /** How many AS requests (logins) the KDC has seen. */
    public long loginRequests() throws IOException {
        Path log = dir.resolve("kdc.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains("AS_REQ")).count() : 0;
    }

    public String realm() {
        return realm;
    }

    public Path krb5Conf() {
        return dir.resolve("krb5.conf");
    }

    public String kdc() {
        return "127.0.0.1:" + kdcPort;
    }

    public Path dir() {
        return dir;
    }

    private Map<String, String> env() {
        return Map.of("KRB5_CONFIG", krb5Conf().toString(), "KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
    }

    private void configure() throws Exception {
        Files.writeString(krb5Conf(), """
                [libdefaults]
                  default_realm = %1$s
                  dns_lookup_kdc = false
                  dns_lookup_realm = false
                  rdns = false
                  udp_preference_limit = 1
                [realms]
                  %1$s = {
                    kdc = 127.0.0.1:%2$d
                  }
                [domain_realm]
                  localhost = %1$s
                """.formatted(realm, kdcPort));
        Files.writeString(dir.resolve("kdc.conf"), """
                [kdcdefaults]
                  kdc_ports = %2$d
                  kdc_tcp_ports = %2$d
                [realms]
                  %1$s = {
                    database_name = %3$s/principal
                    key_stash_file = %3$s/stash
                    acl_file = %3$s/kadm5.acl
                    max_life = 1h
                    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
                  }
                [logging]
                  kdc = FILE:%3$s/kdc.log
                """.formatted(realm, kdcPort, dir));
        run("/usr/sbin/kdb5_util", "create", "-s", "-r", realm, "-P", "master-password-for-tests");
        // Pre-authentication required, as Active Directory does: the KDC checks the client's time stamp (clock skew).
        kadmin("addprinc -requires_preauth -pw " + DAEMON_PASSWORD + " " + DAEMON);
        kadmin("addprinc -randkey DNS/" + HOST);
        kadmin("ktadd -k " + dir.resolve("dns.keytab") + " DNS/" + HOST);
    }

    /** Adds a principal with a password (and a maximum ticket life, e.g. "20 seconds"). */
    public void addPrincipal(String name, String password, String maxLife) throws Exception {
        kadmin("addprinc -requires_preauth -maxlife \"" + maxLife + "\" -pw " + password + " " + name);
    }

    /** A keytab with the principal's keys (its password changes: the keys are new). */
    public Path keytab(String principal) throws Exception {
        Path keytab = dir.resolve(principal.replace('/', '_') + ".keytab");
        kadmin("ktadd -k " + keytab + " " + principal);
        return keytab;
    }

    private void kadmin(String query) throws Exception {
        run("/usr/sbin/kadmin.local", "-r", realm, "-q", query);
    }

    private void run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("setup.log").toFile()));
        pb.environment().putAll(env());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(dir.resolve("setup.log")));
        }
    }

    /** (Re)starts the KDC, its clock {@code skew} away from the real one (libfaketime) when not zero. */
    public void startKdc(Duration skew) throws Exception {
        stopKdc();
        List<String> command = new ArrayList<>();
        if (!skew.isZero()) {
            command.addAll(List.of("/usr/bin/faketime", "-f", (skew.isNegative() ? "-" : "+")
                    + skew.abs().toSeconds() + "s"));
        }
        command.addAll(List.of("/usr/sbin/krb5kdc", "-n", "-r", realm));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("krb5kdc.out").toFile()));
        pb.environment().putAll(env());
        kdc = pb.start();
        awaitPort(kdcPort, kdc, "krb5kdc");
    }

    public void stopKdc() throws Exception {
        if (kdc != null) {
            // faketime runs the KDC as its child: stop the whole tree, or the skewed KDC keeps answering.
            List<ProcessHandle> tree = new ArrayList<>(kdc.descendants().toList());
            tree.add(kdc.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : tree) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
            kdc = null;
        }
    }

    /**
     * A BIND 9 on {@code port} holding {@code zone}, accepting GSS-TSIG with DNS/localhost's keytab and granting
     * {@code grantee} A and TXT records in the zone.
     */
    public int startBind(String zone, String grantee) throws Exception {
        return bind(zone, "  update-policy { grant " + grantee + "@" + realm + " zonesub A TXT; };\n");
    }

    /** A BIND whose zone takes unsigned updates from anyone (Windows DNS "Nonsecure and secure"). */
    public int startUnsignedBind(String zone) throws Exception {
        return bind(zone, "  allow-update { any; };\n", "");
    }

    /**
     * As {@link #startBind(String, String)}, the zone transferable (answers to a signed AXFR are signed) and holding
     * {@code hosts} more A records (a large zone comes in several messages).
     */
    public int startTransferableBind(String zone, String grantee, int hosts) throws Exception {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < hosts; i++) {
            extra.append("host-").append(i).append(" IN A 10.").append(i / 65536 % 256).append('.')
                    .append(i / 256 % 256).append('.').append(i % 256).append('\n');
        }
        return bind(zone, "  update-policy { grant " + grantee + "@" + realm + " zonesub A TXT; };\n"
                + "  allow-transfer { any; };\n", extra.toString());
    }

    private int bind(String zone, String updates) throws Exception {
        return bind(zone, updates + "  allow-transfer { none; };\n", "");
    }

    private int bind(String zone, String updates, String extraRecords) throws Exception {
        int port = freePort();
        Path named = Files.createDirectories(dir.resolve("named-" + port));
        Files.writeString(named.resolve(zone + ".zone"), LocalBind.zoneHead(zone, HOST) + extraRecords);
        Files.writeString(named.resolve("named.conf"), LocalBind.options(named, port,
                "  tkey-gssapi-keytab \"" + dir.resolve("dns.keytab") + "\";\n")
                + "zone \"" + zone + "\" {\n"
                + "  type primary;\n"
                + "  file \"" + named.resolve(zone + ".zone") + "\";\n"
                + updates
                + "};\n");
        runBind(port);
        return port;
    }

    private void runBind(int port) throws Exception {
        Path named = dir.resolve("named-" + port);
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/named", "-g", "-c", named.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        named.resolve("named.log").toFile()));
        pb.environment().putAll(env());
        Path log = named.resolve("named.log");
        long logFrom = Files.exists(log) ? Files.size(log) : 0;
        Process p = pb.start();
        binds.put(port, p);
        LocalBind.awaitLoaded(p, log, logFrom, port, java.time.Duration.ofSeconds(15));
    }

    /**
     * Restarts the BIND on {@code port} so that it forgets every security context it had accepted: killed (a clean
     * stop would save them in _default.tsigkeys and load them again), the saved ones removed.
     */
    public void restartBind(int port) throws Exception {
        Process p = binds.remove(port);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(dir.resolve("named-" + port).resolve("_default.tsigkeys"));
        runBind(port);
    }

    private static void awaitPort(int port, Process p, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IOException(what + " exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException(what + " did not listen on " + port + " within 15 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        stopKdc();
        for (Process p : binds.values()) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (System.getenv("KEEP_KRB") != null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
