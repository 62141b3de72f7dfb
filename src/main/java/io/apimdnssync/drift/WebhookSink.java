package io.apimdnssync.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apimdnssync.config.SyncConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A webhook taking drift episodes as generic JSON, a Teams message or a Slack message. */
final class WebhookSink implements AlertSink {
    private final SyncConfig.AlertWebhook config;
    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;

    WebhookSink(SyncConfig.AlertWebhook config, ObjectMapper json, Duration timeout) {
        this.config = config;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(Alert alert) throws Exception {
        Map<String, Object> body = switch (config.format()) {
            case JSON -> AlertFormats.json(alert);
            case TEAMS -> AlertFormats.teams(alert);
            case SLACK -> AlertFormats.slack(alert);
        };
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(config.url())).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + r.statusCode());
        }
    }
}
