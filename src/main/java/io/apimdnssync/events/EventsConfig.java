package io.apimdnssync.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Event triggers: the Event Grid webhook, its authentication, and the change watch. */
@ConfigMapping(prefix = "apim-dns-sync.events")
public interface EventsConfig {

    Webhook webhook();

    Watch watch();

    interface Webhook {
        @WithDefault("true")
        boolean enabled();

        /** Larger bodies get 413 (Event Grid batches are at most 1 MB). */
        @WithDefault("1100000")
        int maxBodyBytes();

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
