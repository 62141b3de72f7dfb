package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the raw mapping into {@link Settings}, collecting every problem with a message a user can act on. */
public final class ConfigCheck {
    static final String APIM_TYPE = "Microsoft.ApiManagement/service";
    static final String ZONE_TYPE = "Microsoft.Network/privateDnsZones";

    private ConfigCheck() {
    }

    public static Settings check(SyncConfig c) {
        List<String> problems = new ArrayList<>();
        Policy policy = c.policy().map(v -> Wire.parse(Policy.class, Policy::wire, v).orElseGet(() -> {
            problems.add("apim-dns-sync.policy='" + v + "' is not valid: use " + Wire.choices(Policy.class, Policy::wire));
            return null;
        })).orElseGet(() -> {
            problems.add("apim-dns-sync.policy is required and has no default: set 'sync' to delete owned records "
                    + "whose names are no longer desired, or 'upsert-only' to never delete");
            return null;
        });
        Mode mode = enumOf(problems, "apim-dns-sync.mode", Mode.class, Mode::wire, c.mode());
        NonInternalRecords nonInternal = enumOf(problems, "apim-dns-sync.non-internal-records",
                NonInternalRecords.class, NonInternalRecords::wire, c.nonInternalRecords());
        AzureCloud cloud = enumOf(problems, "apim-dns-sync.azure.cloud", AzureCloud.class, AzureCloud::wire,
                c.azure().cloud());

        Optional<URI> endpoint = c.azure().resourceManagerEndpoint();
        if (cloud == AzureCloud.CUSTOM) {
            if (endpoint.isEmpty()) {
                problems.add("apim-dns-sync.azure.cloud=custom needs apim-dns-sync.azure.resource-manager-endpoint "
                        + "(https://management.<region>.<domain>/ on Azure Stack Hub)");
            }
            if (c.azure().tokenAudience().isEmpty()) {
                problems.add("apim-dns-sync.azure.cloud=custom needs apim-dns-sync.azure.token-audience "
                        + "(the management endpoint your identity provider issues tokens for)");
            }
        } else if (endpoint.isPresent()) {
            problems.add("apim-dns-sync.azure.resource-manager-endpoint is only used with apim-dns-sync.azure.cloud=custom");
        }
        endpoint.filter(u -> !"https".equalsIgnoreCase(u.getScheme()))
                .ifPresent(u -> problems.add("apim-dns-sync.azure.resource-manager-endpoint '" + u
                        + "' must use https: the Azure SDK sends bearer tokens only over TLS"));

        List<ArmId> instances = ids(problems, "apim-dns-sync.instances.ids", c.instances().ids(), APIM_TYPE);
        List<ArmId> zones = ids(problems, "apim-dns-sync.private-dns-zones", c.privateDnsZones(), ZONE_TYPE);
        List<Settings.DiscoveryScope> discovery = c.instances().discovery().stream()
                .map(d -> new Settings.DiscoveryScope(d.subscription().trim(), d.resourceGroup().map(String::trim),
                        d.tags()))
                .toList();
        if (instances.isEmpty() && discovery.isEmpty()) {
            problems.add("no APIM instances configured: set apim-dns-sync.instances.ids or "
                    + "apim-dns-sync.instances.discovery[0].subscription");
        }
        List<Settings.ZoneScope> zoneDiscovery = c.privateDnsZoneDiscovery().stream()
                .map(d -> new Settings.ZoneScope(d.subscription().trim(), d.resourceGroup().map(String::trim)))
                .toList();
        List<DnsServerSettings> servers = new ArrayList<>();
        for (int i = 0; i < c.dnsServers().size(); i++) {
            dnsServer("apim-dns-sync.dns-servers[" + i + "]", c.dnsServers().get(i), problems).ifPresent(servers::add);
        }
        List<String> resolvers = c.verify().resolvers().orElse(List.of()).stream().map(String::trim)
                .filter(r -> !r.isEmpty()).toList();
        if (zones.isEmpty() && zoneDiscovery.isEmpty() && servers.isEmpty()) {
            problems.add("no zones configured: set apim-dns-sync.private-dns-zones to the resource IDs of the "
                    + "Private DNS zones the daemon may write, or apim-dns-sync.private-dns-zone-discovery[0].subscription");
        }
        if (c.ownerId().isBlank()) {
            problems.add("apim-dns-sync.owner-id must not be blank");
        }
        var r = c.reconcile();
        if (r.backoffInitial().compareTo(r.backoffMax()) > 0) {
            problems.add("apim-dns-sync.reconcile.backoff-initial must not exceed backoff-max");
        }
        if (r.resyncInterval().isNegative() || r.resyncInterval().isZero()) {
            problems.add("apim-dns-sync.reconcile.resync-interval must be positive");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        var e = c.endpoints();
        var a = c.azure();
        return new Settings(
                new Settings.AzureSettings(cloud, endpoint, a.tokenAudience(), a.tenantId(), a.readsPerSecond(),
                        a.readBurst(), a.maxRetries()),
                instances, discovery, zones, zoneDiscovery, servers, resolvers, c.verify().timeout(),
                new Settings.EndpointSelection(e.gateway(), e.portal(), e.developerPortal(), e.management(), e.scm(),
                        e.regionalGateways(), e.customHostnames()),
                c.ttl(), c.ownerId().trim(), policy, mode, nonInternal,
                c.guard().maxDeleteShare(), c.guard().minOwned(),
                r.resyncInterval(), r.concurrency(), r.backoffInitial(), r.backoffMax(), r.preconditionRetries(),
                r.linkCheckInterval(), r.updatePollInterval(), r.enabled());
    }

    private static Optional<DnsServerSettings> dnsServer(String key, SyncConfig.DnsServer d, List<String> problems) {
        int before = problems.size();
        if (d.zones().isEmpty()) {
            problems.add(key + ".zones lists no zone");
        }
        String transport = d.transport().trim().toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            problems.add(key + ".transport='" + d.transport() + "' is not valid: use 'tcp' or 'udp'");
        }
        DnsServerSettings.ReadMode read = null;
        try {
            read = DnsServerSettings.ReadMode.valueOf(d.read().trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(key + ".read='" + d.read() + "' is not valid: use 'auto', 'axfr' or 'query'");
        }
        Optional<DnsServerSettings.TsigKey> tsig = Optional.empty();
        var t = d.tsig();
        if (t.keyFile().isPresent()) {
            try {
                tsig = Optional.of(TsigKeys.fromKeyFile(java.nio.file.Path.of(t.keyFile().get())));
            } catch (java.io.IOException | IllegalArgumentException e) {
                problems.add(key + ".tsig.key-file: " + (e instanceof java.io.IOException
                        ? "cannot read " + t.keyFile().get() + " (" + e.getMessage() + ")" : e.getMessage()));
            }
        } else if (t.keyName().isPresent() || t.secret().isPresent()) {
            if (t.keyName().isEmpty() || t.secret().isEmpty()) {
                problems.add(key + ".tsig needs both key-name and secret (or key-file)");
            } else {
                tsig = Optional.of(new DnsServerSettings.TsigKey(t.keyName().get(),
                        t.algorithm().trim().toLowerCase(java.util.Locale.ROOT), t.secret().get().trim()));
            }
        }
        tsig.flatMap(TsigKeys::problem).ifPresent(p -> problems.add(key + ".tsig: " + p));
        if (tsig.isEmpty() && !d.allowUnsigned()) {
            problems.add(key + " has no TSIG key: set tsig.key-name and tsig.secret (or tsig.key-file), or "
                    + "allow-unsigned=true for a zone that accepts nonsecure updates");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        List<String> zones = d.zones().stream().map(z -> z.trim().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("\\.$", "")).toList();
        return Optional.of(new DnsServerSettings(d.name().orElse(d.address() + ":" + d.port()), d.address(), d.port(),
                zones, transport.equals("tcp"), d.timeout(), read, tsig));
    }

    private static <E extends Enum<E>> E enumOf(List<String> problems, String key, Class<E> type,
            java.util.function.Function<E, String> wire, String value) {
        return Wire.parse(type, wire, value).orElseGet(() -> {
            problems.add(key + "='" + value + "' is not valid: use " + Wire.choices(type, wire));
            return null;
        });
    }

    private static List<ArmId> ids(List<String> problems, String key, Optional<List<String>> raw, String type) {
        List<ArmId> out = new ArrayList<>();
        for (String s : raw.orElse(List.of())) {
            if (s.isBlank()) {
                continue;
            }
            try {
                ArmId id = ArmId.require(s, type, key + " entry");
                if (out.contains(id)) {
                    problems.add(key + " lists '" + s + "' twice");
                } else {
                    out.add(id);
                }
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        return out;
    }

}
