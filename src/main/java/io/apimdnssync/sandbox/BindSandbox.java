package io.apimdnssync.sandbox;

import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.DnsServerSource;
import io.apimdnssync.config.ReadMode;
import io.apimdnssync.config.Transport;
import io.apimdnssync.config.TsigAlgorithm;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Dev profile: when BIND's {@code named} is installed, a BIND on loopback serves the customer zone contoso.com with
 * a TSIG key, and the daemon keeps it in sync next to the Azure zones. Without {@code named} the demo says so and
 * runs without it.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class BindSandbox implements DnsServerSource {
    private static final Logger LOG = Logger.getLogger(BindSandbox.class);
    static final String KEY_NAME = "apim-dns-sync";
    static final String KEY_SECRET = "c2FuZGJveC1ub3QtYS1zZWNyZXQtZm9yLWRldi1vbmx5IQ==";

    private final SandboxConfig config;

    private volatile Optional<LocalBind> bind;

    BindSandbox(SandboxConfig config) {
        this.config = config;
    }

    @Override
    public synchronized List<DnsServerSettings> servers() {
        if (bind == null) {
            bind = start();
        }
        return bind.map(b -> List.of(new DnsServerSettings("sandbox-bind", "127.0.0.1", config.bind().port(),
                List.of("contoso.com"), Transport.TCP, Duration.ofSeconds(3), ReadMode.AUTO,
                Optional.of(new DnsServerSettings.TsigKey(KEY_NAME, TsigAlgorithm.HMAC_SHA256, KEY_SECRET)))))
                .orElse(List.of());
    }

    private Optional<LocalBind> start() {
        if (!config.bind().enabled()) {
            return Optional.empty();
        }
        Optional<Path> named = LocalBind.findNamed();
        if (named.isEmpty()) {
            LOG.info("BIND (named) is not installed: the demo runs without a custom DNS server "
                    + "(apt-get install bind9 to see RFC 2136 updates too)");
            return Optional.empty();
        }
        int port = config.bind().port();
        try {
            LocalBind b = LocalBind.start(named.get(), Files.createTempDirectory("apim-dns-sync-bind"), port, KEY_NAME,
                    KEY_SECRET, "contoso.com", "portal IN A 10.9.9.9\n");
            LOG.infof(
                    "BIND on 127.0.0.1:%d serves contoso.com (TSIG key %s); try: dig @127.0.0.1 -p %d api.contoso.com",
                    port, KEY_NAME, port);
            return Optional.of(b);
        } catch (Exception e) {
            LOG.warnf("could not start BIND on port %d: %s; the demo runs without it", port, e.getMessage());
            return Optional.empty();
        }
    }

    void stop(@Observes ShutdownEvent e) {
        if (bind != null) {
            bind.ifPresent(LocalBind::stop);
        }
    }
}
