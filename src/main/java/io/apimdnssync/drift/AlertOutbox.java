package io.apimdnssync.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apimdnssync.config.SyncConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers drift alerts to the configured webhooks from a bounded outbox, on a thread of its own: a slow or failing
 * sink never delays a pass. Each alert is retried per webhook with backoff (1 s, doubling, at most 1 min) up to
 * {@code alerts.max-attempts}, then given up with one WARN line; a full outbox drops its oldest alert, counted. URLs
 * never reach a log or the API: a webhook is named by its {@code name}.
 */
@ApplicationScoped
public class AlertOutbox {
    private static final Logger LOG = Logger.getLogger(AlertOutbox.class);

    /** One alert for one webhook. */
    private record Delivery(SyncConfig.AlertWebhook sink, String body, int attempt) {
    }

    private final SyncConfig.Alerts config;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final HttpClient http;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alert-outbox");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Delivery> waiting = new ArrayDeque<>();
    private boolean draining;

    AlertOutbox(SyncConfig config, ObjectMapper json, MeterRegistry registry) {
        this.config = config.alerts();
        this.json = json;
        this.registry = registry;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    void opened(DriftItem item) {
        send("ApimDnsSync.DriftOpened", item, "");
    }

    /** @param how {@code repaired} (by the pass that found it) or {@code gone} (resolved by someone) */
    void closed(DriftItem item, String how) {
        send("ApimDnsSync.DriftClosed", item, how);
    }

    private void send(String type, DriftItem item, String how) {
        List<SyncConfig.AlertWebhook> sinks = config.webhooks();
        if (sinks.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("kind", item.kind().wireName());
        body.put("instance", item.instance());
        body.put("target", item.target());
        body.put("zone", item.zone());
        body.put("name", item.name());
        body.put("expected", item.expected());
        body.put("actual", item.actual());
        body.put("firstSeen", item.firstSeen().toString());
        body.put("lastSeen", item.lastSeen().toString());
        body.put("at", Instant.now().toString());
        if (!how.isEmpty()) {
            body.put("closedBy", how);
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (Exception e) {
            LOG.errorf("an alert could not be written: %s", e.toString());
            return;
        }
        synchronized (waiting) {
            for (SyncConfig.AlertWebhook sink : sinks) {
                if (waiting.size() >= config.outboxSize()) {
                    Delivery dropped = waiting.removeFirst();
                    count(dropped.sink(), "dropped");
                    LOG.warnf("alert outbox full (%d): dropped the oldest alert for webhook %s", config.outboxSize(),
                            dropped.sink().name());
                }
                waiting.addLast(new Delivery(sink, text, 1));
            }
            startDraining();
        }
    }

    /** Holding the lock on {@code waiting}: one drain at a time. */
    private void startDraining() {
        if (!draining) {
            draining = true;
            sender.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Delivery d;
            synchronized (waiting) {
                d = waiting.pollFirst();
                if (d == null) {
                    draining = false;
                    return;
                }
            }
            deliver(d);
        }
    }

    private void deliver(Delivery d) {
        String failure;
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(d.sink().url()))
                    .timeout(config.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                count(d.sink(), "delivered");
                return;
            }
            failure = "HTTP " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            failure = e.getClass().getSimpleName(); // the message may carry the URL
        }
        count(d.sink(), "failed");
        if (d.attempt() >= config.maxAttempts()) {
            LOG.warnf("alert to webhook %s given up after %d attempts: %s", d.sink().name(), d.attempt(), failure);
            count(d.sink(), "given-up");
            return;
        }
        long backoff = Math.min(60_000, 1000L << Math.min(16, d.attempt() - 1));
        LOG.debugf("alert to webhook %s failed (%s); attempt %d in %d ms", d.sink().name(), failure,
                d.attempt() + 1, backoff);
        sender.schedule(() -> {
            synchronized (waiting) {
                waiting.addFirst(new Delivery(d.sink(), d.body(), d.attempt() + 1));
                startDraining();
            }
        }, backoff, TimeUnit.MILLISECONDS);
    }

    private void count(SyncConfig.AlertWebhook sink, String outcome) {
        Counter.builder("apim.dns.sync.alerts").description("drift alerts by webhook and outcome")
                .tags("sink", sink.name(), "outcome", outcome).register(registry).increment();
    }

    /** For tests: alerts waiting or being retried. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }
}
