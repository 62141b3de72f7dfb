package io.apimdnssync.provider;

import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.DnsServerSource;
import io.apimdnssync.config.Settings;
import io.apimdnssync.provider.privatedns.PrivateDnsProvider;
import io.apimdnssync.provider.rfc2136.Rfc2136Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** Every provider the daemon writes: the Azure Private DNS zones, and one provider per RFC 2136 server. */
@ApplicationScoped
public class DnsProviders {
    @Inject
    Settings settings;
    @Inject
    PrivateDnsProvider privateDns;
    @Inject
    Instance<DnsServerSource> extraServers;

    private volatile List<Rfc2136Provider> servers;

    public List<DnsProvider> all() {
        List<DnsProvider> out = new ArrayList<>();
        out.add(privateDns);
        out.addAll(servers());
        return out;
    }

    public List<Rfc2136Provider> servers() {
        if (servers == null) {
            synchronized (this) {
                if (servers == null) {
                    List<DnsServerSettings> all = new ArrayList<>(settings.dnsServers());
                    extraServers.forEach(s -> all.addAll(s.servers()));
                    servers = all.stream().map(s -> new Rfc2136Provider(s, settings.ownerId())).toList();
                }
            }
        }
        return servers;
    }
}
