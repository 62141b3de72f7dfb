package io.apimdnssync.drift;

import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apimdnssync.azure.AzureConnectionProvider;
import io.apimdnssync.config.SyncConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Delivers alerts to every configured sink — webhooks (generic JSON, Teams, Slack) and Event Grid topics — each from
 * a bounded outbox on a thread of its own: a slow or failing sink delays neither a pass nor another sink. A failed
 * delivery stays at the head of its outbox, in order, and is retried with backoff (1 s, doubling, at most 1 min) up to
 * {@code alerts.max-attempts}, then given up with one WARN line; a full outbox drops its oldest alert, counted. URLs
 * and keys never reach a log or the API: a sink is named by its {@code name}.
 */
@ApplicationScoped
public class AlertOutbox {
    private static final Logger LOG = Logger.getLogger(AlertOutbox.class);

    private final SyncConfig.Alerts config;
    private final MeterRegistry registry;
    private final List<Lane> lanes = new ArrayList<>();

    AlertOutbox(SyncConfig config, ObjectMapper json, MeterRegistry registry, Vertx vertx,
            AzureConnectionProvider azure) {
        this.config = config.alerts();
        this.registry = registry;
        for (SyncConfig.AlertWebhook w : this.config.webhooks()) {
            lanes.add(new Lane(w.name(), Alert::drift, () -> new WebhookSink(w, json, this.config.timeout())));
        }
        for (SyncConfig.AlertEventGrid g : this.config.eventGrid()) {
            // Built at the first alert: the credential (and, in the sandbox, the emulator) exist by then.
            lanes.add(new Lane(g.name(), a -> true,
                    () -> new EventGridSink(g, config.ownerId(), new VertxHttpClientBuilder()
                            .vertx(vertx).connectTimeout(this.config.timeout()).responseTimeout(this.config.timeout())
                            .build(), azure.connection().credential())));
        }
        for (Lane lane : lanes) {
            for (String outcome : List.of("delivered", "failed", "given-up", "dropped")) {
                count(lane.name, outcome, 0);
            }
            Gauge.builder("apim.dns.sync.alerts.waiting", lane, Lane::size)
                    .description("alerts waiting for delivery, by sink").tag("sink", lane.name).register(registry);
        }
    }

    @PreDestroy
    void stop() {
        lanes.forEach(l -> l.sender.shutdownNow());
    }

    void opened(DriftItem item) {
        send(Alert.of(Alert.DRIFT_OPENED, item.instance(), data(item, "")));
    }

    /** @param how {@code repaired} (by the pass that found it) or {@code gone} (resolved by someone) */
    void closed(DriftItem item, String how) {
        send(Alert.of(Alert.DRIFT_CLOSED, item.instance(), data(item, how)));
    }

    void send(Alert alert) {
        lanes.forEach(l -> l.offer(alert));
    }

    private static Map<String, Object> data(DriftItem item, String how) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", item.kind().wireName());
        d.put("instance", item.instance());
        d.put("target", item.target());
        d.put("zone", item.zone());
        d.put("name", item.name());
        d.put("expected", item.expected());
        d.put("actual", item.actual());
        d.put("firstSeen", item.firstSeen().toString());
        d.put("lastSeen", item.lastSeen().toString());
        if (!how.isEmpty()) {
            d.put("closedBy", how);
        }
        return d;
    }

    private void count(String sink, String outcome, int n) {
        Counter.builder("apim.dns.sync.alerts").description("alerts by sink and outcome")
                .tags("sink", sink, "outcome", outcome).register(registry).increment(n);
    }

    /** One sink's outbox and sender. */
    private final class Lane {
        private record Delivery(Alert alert, int attempt) {
        }

        final String name;
        private final Predicate<Alert> wants;
        private final Supplier<AlertSink> factory;
        private AlertSink sink;
        private final Deque<Delivery> waiting = new ArrayDeque<>();
        private boolean draining;
        final ScheduledExecutorService sender;

        Lane(String name, Predicate<Alert> wants, Supplier<AlertSink> factory) {
            this.name = name;
            this.wants = wants;
            this.factory = factory;
            this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alert-outbox-" + name);
                t.setDaemon(true);
                return t;
            });
        }

        synchronized int size() {
            return waiting.size();
        }

        void offer(Alert alert) {
            if (!wants.test(alert)) {
                return;
            }
            synchronized (this) {
                if (waiting.size() >= config.outboxSize()) {
                    waiting.removeFirst();
                    count(name, "dropped", 1);
                    LOG.warnf("alert outbox of sink %s full (%d): dropped the oldest alert", name,
                            config.outboxSize());
                }
                waiting.addLast(new Delivery(alert, 1));
                startDraining();
            }
        }

        /** Holding the lane's lock: one drain at a time. */
        private void startDraining() {
            if (!draining) {
                draining = true;
                try {
                    sender.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    draining = false; // shutting down
                }
            }
        }

        /** Delivers in order; a failure leaves its alert at the head and resumes after the backoff. */
        private void drain() {
            while (true) {
                Delivery d;
                synchronized (this) {
                    d = waiting.peekFirst();
                    if (d == null) {
                        draining = false;
                        return;
                    }
                }
                Optional<String> failure = deliver(d);
                synchronized (this) {
                    if (waiting.peekFirst() == d) {
                        waiting.removeFirst();
                    }
                    if (failure.isEmpty()) {
                        continue;
                    }
                    count(name, "failed", 1);
                    if (d.attempt() >= config.maxAttempts()) {
                        LOG.warnf("alert %s to sink %s given up after %d attempts: %s", d.alert().type(), name,
                                d.attempt(), failure.get());
                        count(name, "given-up", 1);
                        continue;
                    }
                    waiting.addFirst(new Delivery(d.alert(), d.attempt() + 1));
                    long backoff = Math.min(60_000, 1000L << Math.min(16, d.attempt() - 1));
                    LOG.debugf("alert to sink %s failed (%s); attempt %d in %d ms", name, failure.get(),
                            d.attempt() + 1, backoff);
                    try {
                        sender.schedule(this::drain, backoff, TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        draining = false; // shutting down
                    }
                    return;
                }
            }
        }

        /** Empty when delivered; otherwise why not, without the address. Never throws. */
        private Optional<String> deliver(Delivery d) {
            try {
                if (sink == null) {
                    sink = factory.get();
                }
                sink.deliver(d.alert());
                count(name, "delivered", 1);
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            } catch (Exception e) {
                // The exception's message may carry the URL: only its type and an HTTP status are told.
                return Optional
                        .of(e instanceof java.io.IOException && String.valueOf(e.getMessage()).startsWith("HTTP ")
                                ? e.getMessage() : e.getClass().getSimpleName() + status(e));
            } catch (Error e) {
                LOG.errorf("alert sink %s failed with %s", name, e.getClass().getName());
                return Optional.of(e.getClass().getSimpleName());
            }
        }

        /** The cause's type (a refused connection inside the SDK's UncheckedIOException, say). */
        private static String cause(Throwable e) {
            Throwable c = e.getCause();
            return c == null || c == e ? "" : " (" + c.getClass().getSimpleName() + ")";
        }

        private static String status(Exception e) {
            return e instanceof com.azure.core.exception.HttpResponseException h && h.getResponse() != null
                    ? " (HTTP " + h.getResponse().getStatusCode() + ")" : "";
        }
    }
}
