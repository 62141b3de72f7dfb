package io.apimdnssync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a user configures, under {@code apim-dns-sync.*}. Cross-field checks live in {@link ConfigCheck}. */
@ConfigMapping(prefix = "apim-dns-sync")
public interface SyncConfig {

    Azure azure();

    Instances instances();

    /** Resource IDs of the Azure Private DNS zones the daemon may write. */
    @WithName("private-dns-zones")
    Optional<List<String>> privateDnsZones();

    /** Zone discovery: every Private DNS zone of a subscription or resource group, re-listed at each full pass. */
    @WithName("private-dns-zone-discovery")
    List<ZoneDiscovery> privateDnsZoneDiscovery();

    /** Custom DNS servers updated with RFC 2136 dynamic updates. */
    @WithName("dns-servers")
    List<DnsServer> dnsServers();

    Verify verify();

    Endpoints endpoints();

    /** TTL in seconds of the records written. */
    @WithDefault("300")
    @Min(1)
    @Max(2147483647)
    long ttl();

    /** Identifies this deployment in the ownership metadata; two deployments must not share it. */
    @WithDefault("apim-dns-sync")
    String ownerId();

    /** {@code sync} or {@code upsert-only}; deliberately without a default. */
    Optional<String> policy();

    /** {@code enforce} writes; {@code observe} plans and reports only. */
    @WithDefault("enforce")
    String mode();

    /** What a Succeeded instance that is External or has no VNET gets: {@code public-vip} or {@code remove}. */
    @WithDefault("public-vip")
    String nonInternalRecords();

    Guard guard();

    Reconcile reconcile();

    interface Azure {
        /** {@code public}, {@code china}, {@code us-government} or {@code custom}. */
        @WithDefault("public")
        String cloud();

        /** With cloud=custom: the https resource-manager endpoint (Azure Stack Hub, private clouds). */
        Optional<URI> resourceManagerEndpoint();

        /** Token audience; defaults to the cloud's management endpoint. Required with cloud=custom. */
        Optional<String> tokenAudience();

        /** Tenant for DefaultAzureCredential; otherwise taken from AZURE_TENANT_ID. */
        Optional<String> tenantId();

        /** Client-side pacing of ARM reads (ARM refills about 25 reads per second per subscription). */
        @WithDefault("20")
        @Min(1)
        int readsPerSecond();

        @WithDefault("200")
        @Min(1)
        int readBurst();

        /** Retries of a throttled (429) or failed (5xx) call; Retry-After is honoured. */
        @WithDefault("5")
        @Min(0)
        @Max(20)
        int maxRetries();
    }

    interface Instances {
        /** Explicit APIM resource IDs. */
        Optional<List<String>> ids();

        /** Discovery scopes: every APIM service in a subscription or resource group, optionally filtered by tags. */
        List<Discovery> discovery();
    }

    interface Discovery {
        String subscription();

        Optional<String> resourceGroup();

        /** All of these tags must match (value {@code *} matches any value). */
        Map<String, String> tags();
    }

    interface ZoneDiscovery {
        String subscription();

        Optional<String> resourceGroup();
    }

    interface DnsServer {
        /** A short name for status and logs; defaults to address:port. */
        Optional<String> name();

        String address();

        @WithDefault("53")
        int port();

        /** The zones on this server the daemon may update. */
        List<String> zones();

        /** {@code tcp} or {@code udp}. */
        @WithDefault("tcp")
        String transport();

        @WithDefault("5s")
        Duration timeout();

        /** How current records are read: {@code auto} (AXFR, else per-name queries), {@code axfr}, {@code query}. */
        @WithDefault("auto")
        String read();

        Tsig tsig();

        /** Send unsigned updates (Windows DNS zones set to nonsecure updates). Off unless said. */
        @WithDefault("false")
        boolean allowUnsigned();
    }

    interface Tsig {
        Optional<String> keyName();

        @WithDefault("hmac-sha256")
        String algorithm();

        /** Base64 secret; never logged. */
        Optional<String> secret();

        /** A BIND key file as {@code nsupdate -k} reads it (key "name" { algorithm …; secret "…"; };). */
        Optional<String> keyFile();
    }

    interface Verify {
        /** Resolvers to ask for every desired name (ip or ip:port), e.g. the VNET's DNS servers or 168.63.129.16. */
        Optional<List<String>> resolvers();

        @WithDefault("3s")
        Duration timeout();
    }

    interface Endpoints {
        @WithDefault("true")
        boolean gateway();

        @WithDefault("true")
        boolean portal();

        @WithDefault("true")
        boolean developerPortal();

        @WithDefault("true")
        boolean management();

        @WithDefault("true")
        boolean scm();

        @WithDefault("true")
        boolean regionalGateways();

        @WithDefault("true")
        boolean customHostnames();
    }

    interface Guard {
        /** A pass deleting more than this share of all owned records is refused unless forced. */
        @WithDefault("0.5")
        @DecimalMin("0.0")
        @DecimalMax("1.0")
        double maxDeleteShare();

        /** The share is checked only once the daemon owns at least this many records. */
        @WithDefault("10")
        @Min(0)
        int minOwned();
    }

    interface Reconcile {
        @WithDefault("5m")
        Duration resyncInterval();

        /** Parallel ARM calls within one pass. */
        @WithDefault("4")
        @Min(1)
        @Max(64)
        int concurrency();

        @WithDefault("5s")
        Duration backoffInitial();

        @WithDefault("5m")
        Duration backoffMax();

        /** Re-read and re-plan rounds after a 412 before giving up until the next pass. */
        @WithDefault("3")
        @Min(0)
        int preconditionRetries();

        /** How often the virtual-network links of the zones are re-read. */
        @WithDefault("1h")
        Duration linkCheckInterval();

        /** While an update runs, the instance is re-read this often until its state is terminal. */
        @WithDefault("10s")
        Duration updatePollInterval();

        /** Start the periodic resync automatically. */
        @WithDefault("true")
        boolean enabled();
    }
}
