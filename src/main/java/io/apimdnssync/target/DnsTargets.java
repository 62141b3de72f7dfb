package io.apimdnssync.target;

import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.DnsServerSource;
import io.apimdnssync.config.Settings;
import io.apimdnssync.target.privatedns.PrivateDnsTarget;
import io.apimdnssync.target.rfc2136.Rfc2136Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Every target the daemon writes: the Azure Private DNS zones, and one target per RFC 2136 server. */
@ApplicationScoped
public class DnsTargets {
    @Inject
    Settings settings;
    @Inject
    PrivateDnsTarget privateDns;
    @Inject
    Instance<DnsServerSource> extraServers;

    private volatile List<Rfc2136Target> servers;

    public List<DnsTarget> all() {
        List<DnsTarget> out = new ArrayList<>();
        out.add(privateDns);
        out.addAll(servers());
        return out;
    }

    public List<Rfc2136Target> servers() {
        if (servers == null) {
            synchronized (this) {
                if (servers == null) {
                    List<DnsServerSettings> all = new ArrayList<>(settings.dnsServers());
                    extraServers.forEach(s -> all.addAll(s.servers()));
                    servers = all.stream().map(s -> new Rfc2136Target(s, settings.ownerId())).toList();
                }
            }
        }
        return servers;
    }
}
