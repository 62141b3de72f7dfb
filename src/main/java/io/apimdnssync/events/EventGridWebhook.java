package io.apimdnssync.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.Stopping;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/events}: Event Grid deliveries (Event Grid schema and CloudEvents 1.0), the subscription
 * validation handshake, and CloudEvents abuse protection ({@code OPTIONS}). Authentication runs before the body is
 * read; 200 only once the events are in the work queue, so Event Grid retries anything else.
 */
@ApplicationScoped
public class EventGridWebhook {
    static final String PATH = "/api/v1/events";
    private static final Logger LOG = Logger.getLogger(EventGridWebhook.class);
    private final SyncConfig.Webhook config;
    private final EventIngest ingest;
    private final EventStats stats;
    private final ObjectMapper json;
    private final WebhookAuth auth;

    private final Stopping stopping;
    private final Leadership leadership;

    EventGridWebhook(SyncConfig config, EventIngest ingest, EventStats stats, ObjectMapper json, Stopping stopping,
            Leadership leadership) {
        this.stopping = stopping;
        this.leadership = leadership;
        this.config = config.events().webhook();
        this.ingest = ingest;
        this.stats = stats;
        this.json = json;
        this.auth = new WebhookAuth(this.config);
    }

    void routes(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        if (!auth.configured() && config.allowUnauthenticated()) {
            LOG.warn("the Event Grid webhook accepts unauthenticated requests (allow-unauthenticated=true)");
        }
        router.options(PATH).handler(this::abuseProtection);
        // Any other method: 405 with what is allowed (not the router's 404 page).
        router.route(PATH).order(1_000).handler(ctx -> ctx.response().setStatusCode(405)
                .putHeader("Allow", "POST, OPTIONS").end());
        router.post(PATH).handler(this::refuseWhileStopping).blockingHandler(this::authenticate, false)
                .handler(this::refuseUnlessLeading).handler(this::readBody);
    }

    /** CloudEvents 1.0 abuse protection: grant the configured origins only (Event Grid's by default). */
    private void abuseProtection(RoutingContext ctx) {
        String origin = ctx.request().getHeader("WebHook-Request-Origin");
        if (origin == null) {
            ctx.response().setStatusCode(400).end();
            return;
        }
        if (config.allowedOrigins().stream().noneMatch(o -> o.trim().equalsIgnoreCase(origin.trim()))) {
            stats.count("webhook-origin-refused");
            reply(ctx, 403, Map.of("error", "origin not allowed (apim-dns-sync.events.webhook.allowed-origins)"));
            return;
        }
        ctx.response().setStatusCode(200).putHeader("WebHook-Allowed-Origin", origin)
                .putHeader("WebHook-Allowed-Rate", "*").putHeader("Allow", "POST, OPTIONS").end();
    }

    /**
     * While the daemon stops, or on a replica that does not lead, deliveries get 503: Event Grid retries them, and
     * the webhook's Service sends the retry to the leader (or to the next start).
     */
    private void refuseWhileStopping(RoutingContext ctx) {
        unavailableIf(ctx, stopping.now(), "webhook-stopping", "10", "the daemon is shutting down; retry later");
    }

    /** After authentication: an unauthenticated caller learns nothing about leadership. */
    private void refuseUnlessLeading(RoutingContext ctx) {
        unavailableIf(ctx, !leadership.leading(), "webhook-standby", "5", "this replica does not lead; retry later");
    }

    private void unavailableIf(RoutingContext ctx, boolean unavailable, String outcome, String retryAfter,
            String error) {
        if (unavailable) {
            stats.count(outcome);
            ctx.response().putHeader("Retry-After", retryAfter);
            reply(ctx, 503, Map.of("error", error));
        } else {
            ctx.next();
        }
    }

    private void authenticate(RoutingContext ctx) {
        WebhookAuth.Outcome o = auth.check(ctx.request());
        if (o.ok()) {
            ctx.next();
            return;
        }
        stats.count("webhook-unauthorized");
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        reply(ctx, 401, Map.of("error", o.reason()));
    }

    /**
     * Reads the body only after authentication, refusing more than the limit with 413 and anything but the JSON types
     * Event Grid sends with 415.
     */
    private void readBody(RoutingContext ctx) {
        int limit = config.maxBodyBytes();
        String type = ctx.request().getHeader("Content-Type");
        if (!isJson(type)) {
            stats.count("webhook-unsupported-type");
            reply(ctx, 415, Map.of("error", "content type " + (type == null ? "missing" : "'" + type + "'")
                    + ": expected " + String.join(", ", JSON_TYPES)));
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 12
                && Long.parseLong(length) > limit) {
            stats.count("webhook-too-large");
            reply(ctx, 413, Map.of("error", "body larger than " + limit + " bytes"));
            return;
        }
        Buffer body = Buffer.buffer();
        ctx.request().handler(chunk -> {
            if (ctx.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                stats.count("webhook-too-large");
                reply(ctx, 413, Map.of("error", "body larger than " + limit + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        ctx.request().endHandler(v -> {
            if (!ctx.response().ended()) {
                ctx.vertx().executeBlocking(() -> {
                    Optional<String> text = utf8(body.getBytes());
                    if (text.isEmpty()) {
                        stats.count("webhook-bad-request");
                        reply(ctx, 400, Map.of("error", "the body is not valid UTF-8"));
                    } else {
                        deliver(ctx, text.get());
                    }
                    return null;
                }, false).onFailure(e -> {
                    // Not the caller's fault: 503 makes Event Grid deliver again; said once here, loudly.
                    LOG.errorf("the webhook could not take a delivery: %s", e.toString());
                    stats.count("webhook-failed");
                    if (!ctx.response().ended()) {
                        reply(ctx, 503, Map.of("error", "the delivery could not be taken; deliver it again"));
                    }
                });
            }
        });
        ctx.request().exceptionHandler(e -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).end();
            }
        });
        ctx.request().resume();
    }

    private void deliver(RoutingContext ctx, String body) {
        try {
            List<ArmEvent> events = EventDecoder.decode(body,
                    Optional.ofNullable(ctx.request().getHeader("Content-Type")));
            Optional<ArmEvent> validation = events.stream().filter(e -> e.kind() == ArmEvent.Kind.VALIDATION)
                    .findFirst();
            // The events beside a validation event are still taken (the ingest skips the validation itself).
            EventIngest.Result r = ingest.ingest(events, "webhook");
            if (validation.isPresent()) {
                LOG.infof("Event Grid subscription validation answered (event %s)", validation.get().id());
                stats.count("webhook-validations");
                reply(ctx, 200, Map.of("validationResponse", validation.get().validationCode()));
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("received", r.received());
            out.put("enqueued", r.enqueued());
            out.put("dropped", r.dropped());
            reply(ctx, 200, out);
        } catch (BadDeliveryException e) {
            stats.count("webhook-bad-request");
            reply(ctx, 400, Map.of("error", e.getMessage()));
        }
    }

    static final List<String> JSON_TYPES = List.of("application/json", "application/cloudevents+json",
            "application/cloudevents-batch+json");

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        // A charset parameter is not looked at: JSON is UTF-8 (RFC 8259 §8.1) and is decoded strictly as such.
        String media = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return JSON_TYPES.contains(media);
    }

    /** Strict UTF-8: malformed bytes are an error, never replaced. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private void reply(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
