package io.apimdnssync.provider;

import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.DnsServerSource;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.privatedns.PrivateDnsProvider;
import io.apimdnssync.provider.rfc2136.Rfc2136Provider;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

/** Every provider the daemon writes: the Azure Private DNS zones, and one provider per RFC 2136 server. */
@ApplicationScoped
public class DnsProviders {
    private final SyncConfig config;
    private final PrivateDnsProvider privateDns;
    private final Instance<DnsServerSource> extraServers;
    private volatile List<Rfc2136Provider> servers;

    private final MeterRegistry registry;

    DnsProviders(SyncConfig config, PrivateDnsProvider privateDns, Instance<DnsServerSource> extraServers,
            MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.privateDns = privateDns;
        this.extraServers = extraServers;
    }

    public List<DnsProvider> all() {
        List<DnsProvider> out = new ArrayList<>();
        out.add(privateDns);
        out.addAll(servers());
        return out;
    }

    /** The provider a zone lives in. */
    public DnsProvider forZone(ZoneRef zone) {
        if (zone.provider().equals(privateDns.name())) {
            return privateDns;
        }
        return servers().stream().filter(p -> p.name().equals(zone.provider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no provider " + zone.provider()));
    }

    /** Every zone of every provider, as of the latest discovery. */
    public List<ZoneRef> zones() {
        return all().stream().flatMap(p -> p.zones().stream()).toList();
    }

    public List<Rfc2136Provider> servers() {
        if (servers == null) {
            synchronized (this) {
                if (servers == null) {
                    List<DnsServerSettings> all = new ArrayList<>(config.dnsServers().stream()
                            .map(DnsServerSettings::of).toList());
                    extraServers.forEach(s -> all.addAll(s.servers()));
                    servers = all.stream().map(s -> new Rfc2136Provider(s, config.ownerId(), registry)).toList();
                }
            }
        }
        return servers;
    }
}
