package io.apimdnssync.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ARM emulator of the dev and test profiles; its beans do not exist in a prod build. */
@ConfigMapping(prefix = "apim-dns-sync.sandbox")
public interface SandboxConfig {
    /** Serve the emulator and point the SDK at it instead of Azure. */
    @WithDefault("false")
    boolean enabled();

    /** Port of the emulator (0 picks a free one). */
    @WithDefault("8643")
    int port();

    /** Classpath resource or file path of the seed. */
    @WithDefault("sandbox/seed.json")
    String seed();

    /** How long a simulated VIP-changing operation stays Updating. */
    @WithDefault("20s")
    Duration operationDelay();

    /** PKCS12 key store: serve https with it (else plain http on loopback). */
    java.util.Optional<String> tlsKeyStore();

    @WithDefault("sandbox")
    String tlsKeyStorePassword();

    /**
     * Route the daemon's SDK clients to the sandbox with a dummy token and the https→http transport. With false the
     * daemon uses its production connection (DefaultAzureCredential, configured cloud), e.g. against the sandbox
     * over https with its managed-identity endpoint.
     */
    @WithDefault("true")
    boolean routeSdk();

    /** The secret the emulated managed-identity endpoint expects in X-IDENTITY-HEADER. */
    @WithDefault("sandbox-identity-header")
    String identityHeader();

    /**
     * Where the sandbox's ARM events go at start, one or more webhooks (comma-separated; each gets every event, as
     * each Event Grid subscription does); changeable through PUT /sandbox/events.
     */
    java.util.Optional<java.util.List<String>> eventsWebhookUrl();

    /** Default page size of list calls ($top overrides, as in ARM). */
    @WithDefault("100")
    int pageSize();

    /** Azure's resolver (168.63.129.16) as a VNET sees it: A queries answered from the linked Private DNS zones. */
    Dns dns();

    interface Dns {
        @WithDefault("true")
        boolean enabled();

        /** UDP and TCP port on 127.0.0.1 (0 picks a free one). */
        @WithDefault("8654")
        int port();

        /** The VNET resource IDs the resolver answers for; by default the VNETs of the services' subnets. */
        java.util.Optional<java.util.List<String>> vnets();
    }

    /** The dev profile's BIND (started when named is installed). */
    Bind bind();

    interface Bind {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("8653")
        int port();
    }
}
