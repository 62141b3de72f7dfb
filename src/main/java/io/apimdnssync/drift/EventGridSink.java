package io.apimdnssync.drift;

import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.models.CloudEvent;
import com.azure.core.models.CloudEventDataFormat;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import io.apimdnssync.config.SyncConfig;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * An Event Grid custom topic or domain: every alert as a CloudEvents 1.0 event through the SDK's publisher, with the
 * topic's access key or a Microsoft Entra ID token (the daemon's managed identity). The SDK refuses both over plain
 * http, so the endpoint is https.
 */
final class EventGridSink implements AlertSink {
    private final SyncConfig.AlertEventGrid config;
    private final EventGridPublisherClient<CloudEvent> client;
    private final String source;

    EventGridSink(SyncConfig.AlertEventGrid config, String ownerId, HttpClient http, TokenCredential entra) {
        this.config = config;
        this.source = config.domainTopic().orElse("/apim-dns-sync/" + ownerId);
        // The outbox retries with its own backoff; the SDK's retries inside each attempt would hold the lane longer.
        EventGridPublisherClientBuilder b = new EventGridPublisherClientBuilder().endpoint(config.endpoint())
                .httpClient(http).retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
        if (config.key().isPresent()) {
            b.credential(new AzureKeyCredential(config.key().get()));
        } else {
            b.credential(entra);
        }
        this.client = b.buildCloudEventPublisherClient();
    }

    @Override
    public void deliver(Alert alert) {
        CloudEvent event = new CloudEvent(source, alert.type(), BinaryData.fromObject(alert.data()),
                CloudEventDataFormat.JSON, "application/json").setId(alert.id())
                .setTime(alert.at().atOffset(ZoneOffset.UTC));
        if (!alert.subject().isEmpty()) {
            event.setSubject(alert.subject());
        }
        client.sendEvent(event);
    }
}
