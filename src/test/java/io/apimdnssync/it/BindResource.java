package io.apimdnssync.it;

import io.apimdnssync.sandbox.LocalBind;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real BIND 9 on loopback with the customer zone contoso.com (dynamic, TSIG key apim-dns-sync, a foreign
 * portal.contoso.com), plus a second, never-updated BIND that plays a resolver with stale answers.
 */
public class BindResource implements QuarkusTestResourceLifecycleManager {
    static final String KEY = "apim-dns-sync";
    static final String SECRET = "dGVzdC1rZXktZm9yLWJpbmQtc2FuZGJveC1vbmx5IQ==";
    static volatile LocalBind primary;
    static volatile LocalBind stale;
    static volatile int port;
    static volatile int stalePort;
    static volatile Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Path named = LocalBind.findNamed().orElseThrow(() -> new IllegalStateException(
                    "BIND is not installed: apt-get install -y bind9 bind9-dnsutils (.ci/run does this)"));
            port = freePort();
            stalePort = freePort();
            dir = Files.createTempDirectory("bind-primary");
            primary = LocalBind.start(named, dir, port, KEY, SECRET, "contoso.com", "portal IN A 10.9.9.9\n");
            stale = LocalBind.start(named, Files.createTempDirectory("bind-stale"), stalePort, KEY, SECRET,
                    "contoso.com", "api IN A 10.1.0.10\n");
            Map<String, String> c = new HashMap<>();
            c.put("apim-dns-sync.dns-servers[0].name", "bind");
            c.put("apim-dns-sync.dns-servers[0].address", "127.0.0.1");
            c.put("apim-dns-sync.dns-servers[0].port", Integer.toString(port));
            c.put("apim-dns-sync.dns-servers[0].zones", "contoso.com");
            c.put("apim-dns-sync.dns-servers[0].timeout", "2s");
            c.put("apim-dns-sync.dns-servers[0].tsig.key-name", KEY);
            c.put("apim-dns-sync.dns-servers[0].tsig.secret", SECRET);
            c.put("apim-dns-sync.sweep.resolvers", "127.0.0.1:" + port + ",127.0.0.1:" + stalePort);
            c.put("apim-dns-sync.sweep.timeout", "1s");
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("could not start BIND", e);
        }
    }

    static void restartPrimary() throws Exception {
        primary = LocalBind.start(LocalBind.findNamed().orElseThrow(), dir, port, KEY, SECRET, "contoso.com",
                "portal IN A 10.9.9.9\n");
    }

    @Override
    public void stop() {
        if (primary != null) {
            primary.stop();
        }
        if (stale != null) {
            stale.stop();
        }
    }
}
