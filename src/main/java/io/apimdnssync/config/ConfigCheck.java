package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The rules that span fields of {@link SyncConfig}, checked once before anything else starts. SmallRye Config has
 * already converted every value (an unknown enum value or a malformed resource ID stops the start-up there, with
 * the allowed values); this lists every remaining problem at once, each with what to do about it.
 */
@ApplicationScoped
public class ConfigCheck {
    static final String APIM_TYPE = "Microsoft.ApiManagement/service";
    static final String ZONE_TYPE = "Microsoft.Network/privateDnsZones";

    void onStart(@Observes @Priority(1) StartupEvent e, SyncConfig config) {
        Config quarkus = ConfigProvider.getConfig();
        check(config, new ApiSettings(quarkus.getOptionalValue("quarkus.oidc.auth-server-url", String.class),
                quarkus.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(true),
                quarkus.getOptionalValue("quarkus.oidc.token.audience", String.class),
                quarkus.getOptionalValue("quarkus.oidc.token.issuer", String.class),
                quarkus.getOptionalValue("quarkus.management.enabled", Boolean.class).orElse(false)));
    }

    /** What of Quarkus's own configuration the API's placement depends on. */
    record ApiSettings(Optional<String> server, boolean enabled, Optional<String> audience, Optional<String> issuer,
            boolean managementInterface) {
        static ApiSettings of(String server, String audience) {
            return new ApiSettings(Optional.of(server), true, Optional.of(audience), Optional.empty(), true);
        }
    }

    /** Throws {@link InvalidConfigException} listing every problem of the daemon's own settings. */
    public static void check(SyncConfig c) {
        List<String> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** The same, and where the control API is served against how Quarkus's OIDC is configured. */
    static void check(SyncConfig c, ApiSettings oidc) {
        List<String> problems = problems(c);
        problems.addAll(apiProblems(c.api().exposure(), oidc));
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /**
     * The control API never runs open on the public port: there it needs Microsoft Entra ID (quarkus-oidc) for one
     * tenant and one audience — without an audience quarkus-oidc accepts a token of any application in the tenant,
     * and anyone can register an application with an app role of the same name — or it moves to the management
     * interface, which must then exist.
     */
    static List<String> apiProblems(ApiExposure exposure, ApiSettings oidc) {
        List<String> out = new ArrayList<>();
        if (exposure == ApiExposure.MANAGEMENT) {
            if (!oidc.managementInterface()) {
                out.add("apim-dns-sync.api.exposure=management needs the management interface: "
                        + "quarkus.management.enabled=true (the build's default here)");
            }
            return out;
        }
        String server = oidc.server().map(String::trim).orElse("");
        if (server.isEmpty() || !oidc.enabled()) {
            out.add("the control API (/api/v1) is on the public port and needs Microsoft Entra ID: set "
                    + "quarkus.oidc.auth-server-url=https://login.microsoftonline.com/<tenant>/v2.0 and "
                    + "quarkus.oidc.token.audience=<the API's application ID URI or client ID> (README, Security), "
                    + "or set apim-dns-sync.api.exposure=management to serve it on the management port only");
            return out;
        }
        String lower = server.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("/common/") || lower.endsWith("/common") || lower.contains("/organizations")
                || lower.contains("/consumers")) {
            out.add("quarkus.oidc.auth-server-url must name your tenant (…/<tenant id>/v2.0), not common, "
                    + "organizations or consumers: tokens of any tenant would be accepted");
        }
        if (oidc.audience().map(String::trim).filter(a -> !a.isEmpty() && !a.equalsIgnoreCase("any")).isEmpty()) {
            out.add("quarkus.oidc.token.audience is required with the control API on the public port (the API's "
                    + "application ID URI and/or client ID): without it a token for any application of the tenant "
                    + "is accepted");
        }
        if (oidc.issuer().map(String::trim).filter(i -> i.equalsIgnoreCase("any")).isPresent()) {
            out.add("quarkus.oidc.token.issuer=any accepts tokens of any issuer: leave it unset (the tenant's) or "
                    + "name the issuer");
        }
        return out;
    }

    public static List<String> problems(SyncConfig c) {
        List<String> problems = new ArrayList<>();
        if (c.policy().isEmpty()) {
            problems.add("apim-dns-sync.policy is required and has no default: set 'sync' to delete owned records "
                    + "whose names are no longer desired, or 'upsert-only' to never delete");
        }
        azure(c.azure(), problems);
        List<ArmId> ids = c.instances().ids().orElse(List.of());
        typed(ids, APIM_TYPE, "apim-dns-sync.instances.ids", problems);
        List<ArmId> zones = c.privateDnsZones().orElse(List.of());
        typed(zones, ZONE_TYPE, "apim-dns-sync.private-dns-zones", problems);
        if (ids.isEmpty() && c.instances().discovery().isEmpty()) {
            problems.add("no APIM instances configured: set apim-dns-sync.instances.ids or "
                    + "apim-dns-sync.instances.discovery[0].subscription");
        }
        for (int i = 0; i < c.instances().discovery().size(); i++) {
            subscription("apim-dns-sync.instances.discovery[" + i + "].subscription",
                    c.instances().discovery().get(i).subscription(), problems);
        }
        for (int i = 0; i < c.privateDnsZoneDiscovery().size(); i++) {
            subscription("apim-dns-sync.private-dns-zone-discovery[" + i + "].subscription",
                    c.privateDnsZoneDiscovery().get(i).subscription(), problems);
        }
        for (int i = 0; i < c.dnsServers().size(); i++) {
            dnsServer("apim-dns-sync.dns-servers[" + i + "]", c.dnsServers().get(i), problems);
        }
        if (zones.isEmpty() && c.privateDnsZoneDiscovery().isEmpty() && c.dnsServers().isEmpty()) {
            problems.add("no zones configured: set apim-dns-sync.private-dns-zones to the resource IDs of the "
                    + "Private DNS zones the daemon may write, apim-dns-sync.private-dns-zone-discovery[0].subscription, "
                    + "or apim-dns-sync.dns-servers[0]");
        }
        if (c.ownerId().isBlank()) {
            problems.add("apim-dns-sync.owner-id must not be blank");
        }
        var r = c.reconcile();
        if (r.backoffInitial().compareTo(r.backoffMax()) > 0) {
            problems.add("apim-dns-sync.reconcile.backoff-initial must not exceed backoff-max");
        }
        positive("resync-interval", r.resyncInterval(), problems);
        positive("backoff-initial", r.backoffInitial(), problems);
        positive("update-poll-interval", r.updatePollInterval(), problems);
        if (c.azure().readReserve() >= c.azure().readBurst()) {
            problems.add("apim-dns-sync.azure.read-reserve (" + c.azure().readReserve() + ") must be below read-burst ("
                    + c.azure().readBurst() + "): the resync would never get a read");
        }
        entra(c.events().webhook().entra(), problems);
        kafka(c.events().kafka(), problems);
        sweep(c.sweep(), problems);
        alerts(c.alerts(), problems);
        return problems;
    }

    private static final Pattern GUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A subscription ID is a GUID (a placeholder such as {@code <subscription id>} left in would read nothing). */
    private static void subscription(String key, String value, List<String> problems) {
        if (!GUID.matcher(value.trim()).matches()) {
            problems.add(key + " '" + value + "' is not a subscription ID (a GUID such as "
                    + "00000000-0000-0000-0000-000000000000)");
        }
    }

    private static void kafka(SyncConfig.Kafka k, List<String> problems) {
        if (!k.enabled()) {
            return;
        }
        Optional<EventHubsConnectionString> hub = Optional.empty();
        if (k.connectionString().isPresent()) {
            try {
                hub = Optional.of(EventHubsConnectionString.parse(k.connectionString().get()));
            } catch (IllegalArgumentException e) {
                problems.add("apim-dns-sync.events.kafka.connection-string: " + e.getMessage());
                return;
            }
        }
        if (k.bootstrapServers().isEmpty() && hub.isEmpty()) {
            problems.add("apim-dns-sync.events.kafka is enabled without a connection-string or bootstrap-servers");
        }
        if (k.topic().isEmpty() && hub.flatMap(EventHubsConnectionString::entityPath).isEmpty()) {
            problems.add("apim-dns-sync.events.kafka.topic is not set (nor an EntityPath in the connection string): "
                    + "set it to the event hub's name");
        }
        k.topic().filter(t -> !t.matches("[A-Za-z0-9._-]{1,256}")).ifPresent(t -> problems.add(
                "apim-dns-sync.events.kafka.topic '" + t + "' is not an event hub (topic) name"));
        if (k.pollTimeout().isNegative() || k.pollTimeout().isZero()) {
            problems.add("apim-dns-sync.events.kafka.poll-timeout must be positive");
        }
    }

    /** Sink addresses are checked here, by position: a URL may hold a key and is never printed. */
    private static void alerts(SyncConfig.Alerts a, List<String> problems) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < a.webhooks().size(); i++) {
            String key = "apim-dns-sync.alerts.webhooks[" + i + "]";
            names(key, a.webhooks().get(i).name(), names, problems);
            if (!absolute(a.webhooks().get(i).url(), false)) {
                problems.add(key + ".url is not an absolute http or https URL");
            }
        }
        for (int i = 0; i < a.eventGrid().size(); i++) {
            String key = "apim-dns-sync.alerts.event-grid[" + i + "]";
            names(key, a.eventGrid().get(i).name(), names, problems);
            if (!absolute(a.eventGrid().get(i).endpoint(), true)) {
                problems.add(key + ".endpoint is not an https URL (Event Grid accepts keys and tokens over https "
                        + "only)");
            }
        }
    }

    private static void names(String key, String name, java.util.Set<String> seen, List<String> problems) {
        if (name.isBlank() || !seen.add(name)) {
            problems.add(key + ".name must be set and unique among the alert sinks (it names them in logs and "
                    + "metrics)");
        }
    }

    private static boolean absolute(String url, boolean httpsOnly) {
        try {
            URI u = new URI(url.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            return u.getHost() != null && u.getPort() <= 65535
                    && (scheme.equals("https") || (!httpsOnly && scheme.equals("http")));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void sweep(SyncConfig.Sweep s, List<String> problems) {
        if (s.interval().isNegative() || s.interval().isZero() || s.timeout().isNegative() || s.timeout().isZero()) {
            problems.add("apim-dns-sync.sweep.interval and sweep.timeout must be positive");
        }
        for (String spec : s.resolvers().orElse(List.of())) {
            try {
                ResolverAddress.parse(spec);
            } catch (IllegalArgumentException e) {
                problems.add("apim-dns-sync.sweep.resolvers: " + e.getMessage());
            }
        }
    }

    private static void positive(String key, java.time.Duration value, List<String> problems) {
        if (value.isNegative() || value.isZero()) {
            problems.add("apim-dns-sync.reconcile." + key + " must be positive");
        }
    }

    private static void azure(SyncConfig.Azure a, List<String> problems) {
        Optional<URI> endpoint = a.resourceManagerEndpoint();
        if (a.cloud() == Cloud.CUSTOM) {
            if (endpoint.isEmpty()) {
                problems.add("apim-dns-sync.azure.cloud=custom needs apim-dns-sync.azure.resource-manager-endpoint "
                        + "(https://management.<region>.<domain>/ on Azure Stack Hub)");
            }
            if (a.tokenAudience().isEmpty()) {
                problems.add("apim-dns-sync.azure.cloud=custom needs apim-dns-sync.azure.token-audience "
                        + "(the management endpoint your identity provider issues tokens for)");
            }
        } else if (endpoint.isPresent()) {
            problems.add(
                    "apim-dns-sync.azure.resource-manager-endpoint is only used with apim-dns-sync.azure.cloud=custom");
        }
        endpoint.filter(u -> !"https".equalsIgnoreCase(u.getScheme()))
                .ifPresent(u -> problems.add("apim-dns-sync.azure.resource-manager-endpoint '" + u
                        + "' must use https: the Azure SDK sends bearer tokens only over TLS"));
    }

    private static void typed(List<ArmId> ids, String type, String key, List<String> problems) {
        Set<ArmId> seen = new HashSet<>();
        for (ArmId id : ids) {
            if (!id.isOfType(type)) {
                problems.add(
                        key + " entry '" + id + "' is a " + id.namespace() + "/" + id.type() + ", expected " + type);
            } else if (!seen.add(id)) {
                problems.add(key + " lists '" + id + "' twice");
            }
        }
    }

    private static void dnsServer(String key, SyncConfig.DnsServer d, List<String> problems) {
        if (d.zones().stream().allMatch(String::isBlank)) {
            problems.add(key + ".zones lists no zone");
        }
        if (d.auth().filter(a -> a == DnsAuth.GSS_TSIG).isPresent()) {
            gss(key, d, problems);
            return;
        }
        SyncConfig.Gss g = d.gss();
        if (g.realm().isPresent() || g.principal().isPresent() || g.keytab().isPresent() || g.password().isPresent()) {
            problems.add(key + ".gss.* is set but auth is not gss-tsig: set " + key + ".auth=gss-tsig");
        }
        if (d.auth().filter(a -> a == DnsAuth.NONE).isPresent() && !d.allowUnsigned()) {
            problems.add(key + ".auth=none also needs allow-unsigned=true (say twice that the zone takes unsigned "
                    + "updates from anyone who can reach it)");
        }
        SyncConfig.Tsig t = d.tsig();
        Optional<DnsServerSettings.TsigKey> tsig = Optional.empty();
        if (t.keyFile().isPresent() && (t.keyName().isPresent() || t.secret().isPresent())) {
            problems.add(key + ".tsig: set either key-file or key-name and secret, not both");
        }
        if (t.keyFile().isEmpty() && t.keyName().isPresent() != t.secret().isPresent()) {
            problems.add(key + ".tsig needs both key-name and secret (or key-file)");
        }
        try {
            tsig = DnsServerSettings.key(t);
        } catch (IllegalArgumentException e) {
            problems.add(key + ".tsig.key-file: " + e.getMessage());
        }
        tsig.flatMap(TsigKeys::problem).ifPresent(p -> problems.add(key + ".tsig: " + p));
        if (tsig.isEmpty() && t.keyFile().isEmpty() && t.keyName().isEmpty() && !d.allowUnsigned()) {
            problems.add(key + " has no TSIG key: set tsig.key-name and tsig.secret (or tsig.key-file), or "
                    + "allow-unsigned=true for a zone that accepts nonsecure updates");
        }
    }

    private static void gss(String key, SyncConfig.DnsServer d, List<String> problems) {
        SyncConfig.Gss g = d.gss();
        if (g.realm().filter(r -> !r.isBlank()).isEmpty()) {
            problems.add(key + ".gss.realm is required with auth=gss-tsig (the Kerberos realm, e.g. CORP.EXAMPLE.COM)");
        }
        if (g.principal().filter(p -> !p.isBlank()).isEmpty()) {
            problems.add(key + ".gss.principal is required with auth=gss-tsig (the daemon's service account)");
        }
        if (g.keytab().isPresent() == g.password().isPresent()) {
            problems.add(key + ".gss needs exactly one of keytab (a file) and password (from a secret; a secret that "
                    + "resolves to an empty value counts as not set)");
        }
        if (g.password().filter(String::isBlank).isPresent()) {
            problems.add(key + ".gss.password is empty");
        }
        g.principal().filter(p -> p.contains("@")).map(p -> p.substring(p.indexOf('@') + 1))
                .filter(r -> g.realm().filter(realm -> realm.trim().equalsIgnoreCase(r.trim())).isEmpty())
                .ifPresent(r -> problems.add(key + ".gss.principal names realm " + r + ", not gss.realm"));
        if (d.allowUnsigned()) {
            problems.add(key + ": allow-unsigned and auth=gss-tsig contradict each other");
        }
        if (d.transport() == Transport.UDP) {
            problems.add(key + ".transport=udp is not available with auth=gss-tsig (GSS-TSIG runs over TCP)");
        }
        g.keytab().filter(k -> !Files.isRegularFile(Path.of(k.trim())) || !Files.isReadable(Path.of(k.trim())))
                .ifPresent(k -> problems.add(key + ".gss.keytab " + k + " is not a readable file"));
        String host = g.serviceHost().orElse(d.address()).trim();
        if (host.isEmpty() || host.contains(":") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            problems.add(key + ".gss.service-host is required when the address is an IP address: the DNS server's "
                    + "host name, whose service principal DNS/<host> the KDC knows (Windows: the DC's FQDN)");
        }
        if (d.tsig().keyName().isPresent() || d.tsig().keyFile().isPresent()) {
            problems.add(key + ": set either tsig.* or auth=gss-tsig, not both");
        }
        if (g.contextLifetime().toSeconds() < 60) {
            problems.add(key + ".gss.context-lifetime must be at least 60s");
        }
    }

    private static void entra(SyncConfig.Entra e, List<String> problems) {
        if (!e.enabled()) {
            return;
        }
        String prefix = "apim-dns-sync.events.webhook.entra.";
        if (e.jwksUrl().isEmpty()) {
            problems.add(prefix + "jwks-url is required with entra.enabled=true "
                    + "(https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys)");
        }
        if (e.issuers().orElse(List.of()).isEmpty()) {
            problems.add(prefix + "issuers is required with entra.enabled=true");
        }
        if (e.audience().isEmpty()) {
            problems.add(prefix + "audience is required with entra.enabled=true (the app's ID URI or client ID)");
        }
    }
}
