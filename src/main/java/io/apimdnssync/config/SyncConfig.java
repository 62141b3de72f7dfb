package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
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

/**
 * Everything a user configures, under {@code apim-dns-sync.*}, typed: enum values are spelled in lower case with
 * hyphens ({@code upsert-only}), resource IDs are parsed on the way in. Rules that span fields live in
 * {@link ConfigCheck}.
 */
@ConfigMapping(prefix = "apim-dns-sync")
public interface SyncConfig {

    Azure azure();

    Instances instances();

    /** Resource IDs of the Azure Private DNS zones the daemon may write. */
    @WithName("private-dns-zones")
    Optional<List<ArmId>> privateDnsZones();

    /** Zone discovery: every Private DNS zone of a subscription or resource group, re-listed at each resync round. */
    @WithName("private-dns-zone-discovery")
    List<ZoneDiscovery> privateDnsZoneDiscovery();

    /** Custom DNS servers updated with RFC 2136 dynamic updates. */
    @WithName("dns-servers")
    List<DnsServer> dnsServers();

    /** The DNS sweep: what clients and the DNS servers answer for every desired name, without ARM reads. */
    Sweep sweep();

    /** Where alerts go: webhooks (JSON, Teams, Slack) and Event Grid topics. */
    Alerts alerts();

    interface Alerts {
        /** Webhooks (generic JSON, Teams, Slack): each drift episode opened and closed is POSTed to every one. */
        List<AlertWebhook> webhooks();

        /** Event Grid custom topics or domains: drift episodes, record changes and VIP changes as CloudEvents. */
        @WithName("event-grid")
        List<AlertEventGrid> eventGrid();

        /** Per delivery attempt. */
        @WithDefault("5s")
        Duration timeout();

        /** Attempts per alert and webhook (backoff 1 s, doubling, at most 1 min) before it is given up, loudly. */
        @WithDefault("6")
        @Min(1)
        int maxAttempts();

        /** Alerts waiting for delivery; beyond it the oldest are dropped and counted. */
        @WithDefault("1000")
        @Min(1)
        int outboxSize();
    }

    interface AlertWebhook {
        /** Names the webhook in logs and metrics (its URL, which may hold a key, never appears). */
        String name();

        String url();

        /** {@code json} (the alert as is), {@code teams} (an Adaptive Card message), {@code slack}. */
        @WithDefault("json")
        AlertFormat format();
    }

    enum AlertFormat {
        JSON,
        TEAMS,
        SLACK
    }

    interface AlertEventGrid {
        /** Names the sink in logs and metrics. */
        String name();

        /** The topic's or domain's endpoint, e.g. https://my-topic.westeurope-1.eventgrid.azure.net/api/events */
        String endpoint();

        /** An access key (never logged); without one, Microsoft Entra ID (managed identity) is used. */
        Optional<String> key();

        /** For an Event Grid domain: the domain topic the events go to (the CloudEvents source). */
        Optional<String> domainTopic();
    }

    Endpoints endpoints();

    /** TTL in seconds of the records written. */
    @WithDefault("300")
    @Min(1)
    @Max(2147483647)
    long ttl();

    /** Identifies this deployment in the ownership metadata; two deployments must not share it. */
    @WithDefault("apim-dns-sync")
    String ownerId();

    /** Deliberately without a default: {@link ConfigCheck} insists on a choice. */
    Optional<Policy> policy();

    @WithDefault("enforce")
    Mode mode();

    @WithDefault("public-vip")
    NonInternalRecords nonInternalRecords();

    Guard guard();

    Reconcile reconcile();

    Events events();

    /** The policy, once {@link ConfigCheck} has made sure there is one. */
    default Policy requiredPolicy() {
        return policy().orElseThrow(() -> new IllegalStateException("apim-dns-sync.policy is not set"));
    }

    /** The instances the daemon manages: explicit IDs and discovery scopes. */
    default ManagedScope scope() {
        return ManagedScope.of(this);
    }

    interface Azure {
        @WithDefault("public")
        Cloud cloud();

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

        /** Reads the resync may not take from the bucket: kept for event-driven work. */
        @WithDefault("20")
        @Min(0)
        int readReserve();

        /** Retries of a throttled (429) or failed (5xx) read; Retry-After is honoured. */
        @WithDefault("5")
        @Min(0)
        @Max(20)
        int maxRetries();

        /**
         * Retries of a failed write within the call; the work queue's backoff retries the rest, so one failing
         * record never holds a worker for long.
         */
        @WithDefault("1")
        @Min(0)
        @Max(5)
        int maxWriteRetries();
    }

    interface Instances {
        /** Explicit APIM resource IDs. */
        Optional<List<ArmId>> ids();

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
        @Min(1)
        @Max(65535)
        int port();

        /** The zones on this server the daemon may update. */
        List<String> zones();

        @WithDefault("tcp")
        Transport transport();

        @WithDefault("5s")
        Duration timeout();

        @WithDefault("auto")
        ReadMode read();

        Tsig tsig();

        /**
         * {@code tsig} (a shared key), {@code gss-tsig} (Kerberos, RFC 3645: Windows DNS with "Secure only" zones,
         * BIND with tkey-gssapi-keytab) or {@code none}; by default {@code tsig} when a key is set, {@code none} with
         * allow-unsigned.
         */
        Optional<DnsAuth> auth();

        Gss gss();

        /** Send unsigned updates (Windows DNS zones set to nonsecure updates). Off unless said. */
        @WithDefault("false")
        boolean allowUnsigned();
    }

    /** Kerberos for {@code auth=gss-tsig}; the JDK's own Kerberos (JGSS), no native library. */
    interface Gss {
        /** The Kerberos realm (the Active Directory domain in upper case), e.g. CORP.EXAMPLE.COM. */
        Optional<String> realm();

        /** The daemon's principal (a service account), e.g. svc-apim-dns; the realm is added when absent. */
        Optional<String> principal();

        /** A keytab file with the principal's keys (preferred: no password in the configuration). */
        Optional<String> keytab();

        /** The principal's password, from a secret (${...}); never logged. */
        Optional<String> password();

        /** The KDC (host or host:port, e.g. a domain controller); else krb5.conf or DNS SRV records. */
        Optional<String> kdc();

        /**
         * The DNS server's host name for its service principal DNS/<service-host> (Windows DNS: the domain
         * controller's FQDN); by default the server's address when that is a name.
         */
        Optional<String> serviceHost();

        /** How long a negotiated security context is used before a new one is negotiated. */
        @WithDefault("1h")
        Duration contextLifetime();
    }

    interface Tsig {
        Optional<String> keyName();

        @WithDefault("hmac-sha256")
        TsigAlgorithm algorithm();

        /** Base64 secret; never logged. */
        Optional<String> secret();

        /** A BIND key file as {@code nsupdate -k} reads it (key "name" { algorithm …; secret "…"; };). */
        Optional<String> keyFile();
    }

    interface Sweep {
        @WithDefault("true")
        boolean enabled();

        /** How often every desired name is asked; a sweep never overlaps the previous one. */
        @WithDefault("30s")
        Duration interval();

        /**
         * The resolvers clients use (ip or ip:port): inside Azure 168.63.129.16 from a VNET the Private DNS zones are
         * linked to, or the VNET's custom DNS servers. Without them only the RFC 2136 servers are asked.
         */
        Optional<List<String>> resolvers();

        /** Per query. */
        @WithDefault("3s")
        Duration timeout();

        /**
         * How long after the daemon wrote a name a client resolver's old answer is taken for its cache rather than
         * drift; by default the records' TTL.
         */
        Optional<Duration> cacheGrace();

        /** Queries in flight at once. */
        @WithDefault("8")
        @Min(1)
        @Max(256)
        int concurrency();
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
        /** A round deleting more than this share of all owned records is refused unless forced. */
        @WithDefault("0.5")
        @DecimalMin("0.0")
        @DecimalMax("1.0")
        double maxDeleteShare();

        /** The share is checked only once the daemon owns at least this many records. */
        @WithDefault("10")
        @Min(0)
        int minOwned();
    }

    /** The control and status API ({@code /api/v1}, the webhook aside). */
    Api api();

    /** Several replicas in Kubernetes: one leads (reconciles, writes, sweeps); the others wait, serving health. */
    LeaderElection leaderElection();

    interface LeaderElection {
        @WithDefault("false")
        boolean enabled();

        /** The coordination.k8s.io/v1 Lease. */
        @WithDefault("apim-dns-sync")
        String leaseName();

        /** The Lease's namespace; by default the pod's (POD_NAMESPACE, else the service account's namespace). */
        Optional<String> namespace();

        /** This replica's name in the Lease; by default the pod's (POD_NAME, else HOSTNAME). */
        Optional<String> identity();

        /**
         * The pod the leader labels {@code apim-dns-sync/leader=true} (what the webhook's Service selects); by
         * default POD_NAME (the downward API). Without one, no label is set.
         */
        Optional<String> podName();

        /** A leader that stops renewing is replaced after this long. */
        @WithDefault("15s")
        Duration leaseDuration();

        /** The leader steps down when it could not renew for this long (below the lease duration). */
        @WithDefault("10s")
        Duration renewDeadline();

        @WithDefault("2s")
        Duration retryPeriod();
    }

    interface Api {
        /**
         * {@code authenticated}: on the public port, Microsoft Entra ID bearer tokens with app roles required
         * (quarkus-oidc); {@code management}: on the management interface only, without authentication, for clusters
         * that isolate that port.
         */
        @WithDefault("authenticated")
        ApiExposure exposure();
    }

    interface Reconcile {
        /**
         * How often every instance is enqueued (a resync round) and the orphan sweep runs: the safety net behind
         * events, the change watch and the DNS sweep.
         */
        @WithDefault("1h")
        Duration resyncInterval();

        /** Instances reconciled at the same time (one work item per instance). */
        @WithDefault("4")
        @Min(1)
        @Max(64)
        int workers();

        /** Parallel calls within one work item: zone reads, and writes within one zone. */
        @WithDefault("4")
        @Min(1)
        @Max(64)
        int concurrency();

        @WithDefault("5s")
        Duration backoffInitial();

        @WithDefault("5m")
        Duration backoffMax();

        /** Re-read and re-plan rounds after a 412 before giving up until the next retry. */
        @WithDefault("3")
        @Min(0)
        int preconditionRetries();

        /** How long the virtual-network links of the zones are cached. */
        @WithDefault("1h")
        Duration linkCheckInterval();

        /** While an update runs, the instance is re-read this often until its state is terminal. */
        @WithDefault("10s")
        Duration updatePollInterval();

        /** GET /api/v1/plan runs a dry-run round at most this often; callers in between get the latest one. */
        @WithDefault("1m")
        Duration planMinInterval();

        /**
         * An instance whose GET answers 404 is gone only when a second 404 at least this much later agrees and the
         * instance is absent from its resource group's list, or when an ARM delete event for it arrived; until then
         * its records are held ({@code gone-unconfirmed}).
         */
        @WithDefault("60s")
        Duration goneConfirmAfter();

        /** Liveness reports DOWN when work waits and no item has finished for this long (a wedged queue). */
        @WithDefault("30m")
        Duration stallAfter();

        /**
         * On shutdown, how long the items running may finish (a zone's write batch that has begun completes, none
         * begins); below Kubernetes' termination grace period (30 s by default).
         */
        @WithDefault("20s")
        Duration shutdownGrace();

        /** Run the periodic resync. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Event triggers: the Event Grid webhook, its authentication, and the change watch. */
    interface Events {
        Webhook webhook();

        Watch watch();

        Kafka kafka();
    }

    /**
     * Event Grid → Event Hubs, read on the namespace's Kafka endpoint (or any Kafka). Only the leader consumes.
     */
    interface Kafka {
        @WithDefault("false")
        boolean enabled();

        /**
         * An Event Hubs connection string (a secret): gives the bootstrap server ({@code <namespace>:9093}),
         * SASL_SSL with PLAIN as Event Hubs documents it and, when it has an {@code EntityPath}, the topic.
         */
        Optional<String> connectionString();

        /** host:port,…; else from the connection string. */
        Optional<String> bootstrapServers();

        /** The event hub (topic); else the connection string's {@code EntityPath}. */
        Optional<String> topic();

        /** The Event Hubs consumer group (Kafka group.id). */
        @WithDefault("apim-dns-sync")
        String groupId();

        /** Further Kafka consumer properties, as Kafka names them, e.g. {@code properties."security.protocol"}. */
        Map<String, String> properties();

        @WithDefault("1s")
        Duration pollTimeout();

        /**
         * A consumer with no partition this long after it joined reports it (the broker is unreachable, the topic
         * does not exist, or another consumer in the group holds them all).
         */
        @WithDefault("60s")
        Duration assignmentTimeout();
    }

    interface Webhook {
        @WithDefault("true")
        boolean enabled();

        /** Larger bodies get 413 (Event Grid batches are at most 1 MB). */
        @WithDefault("1100000")
        @Min(1)
        int maxBodyBytes();

        /**
         * Origins granted in the CloudEvents abuse-protection handshake ({@code OPTIONS}, header
         * {@code WebHook-Request-Origin}); any other origin is refused.
         */
        @WithDefault("eventgrid.azure.net")
        List<String> allowedOrigins();

        /** Shared secret, expected in {@link #secretHeader()} or the {@link #secretQueryParam()} query parameter. */
        Optional<String> secret();

        @WithDefault("X-Apim-Dns-Sync-Secret")
        String secretHeader();

        @WithDefault("code")
        String secretQueryParam();

        Entra entra();

        /** With neither a secret nor Entra ID configured the webhook refuses every request unless this is true. */
        @WithDefault("false")
        boolean allowUnauthenticated();
    }

    /** Microsoft Entra ID bearer tokens, as Event Grid sends them to a secured webhook. */
    interface Entra {
        @WithDefault("false")
        boolean enabled();

        /** Where the signing keys are, e.g. https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys */
        Optional<String> jwksUrl();

        /** Accepted issuers, e.g. https://login.microsoftonline.com/{tenant}/v2.0 and https://sts.windows.net/{tenant}/ */
        Optional<List<String>> issuers();

        /** The application ID URI or client ID of the webhook's app registration. */
        Optional<String> audience();

        @WithDefault("AzureEventGridSecureWebhookSubscriber")
        String requiredRole();

        @WithDefault("60s")
        Duration clockSkew();
    }

    /** The cheap instance list that catches late or lost events. */
    interface Watch {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("30s")
        Duration interval();
    }
}
