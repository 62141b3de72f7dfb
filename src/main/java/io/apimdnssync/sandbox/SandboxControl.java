package io.apimdnssync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Control endpoints of the sandbox, under {@code /sandbox} on the emulator's port: simulated operations, seed reset,
 * out-of-band edits, fault injection and the request log.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class SandboxControl {
    @Inject
    ObjectMapper json;
    @Inject
    SandboxConfig config;
    @Inject
    Vertx vertx;
    @Inject
    SandboxEvents events;

    private final SandboxOperations operations = new SandboxOperations();
    private final Map<Long, Operation> ops = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private ArmEmulator emulator;

    /** A simulated long-running update; {@code completedAt} is when the new VIPs appeared. */
    public record Operation(long id, String service, String type, String outcome, Instant startedAt,
            Instant completesAt, Optional<Instant> completedAt) {
    }

    void register(Router router, ArmEmulator emulator) {
        this.emulator = emulator;
        router.post("/sandbox/reset").handler(ctx -> {
            emulator.reset();
            ops.clear();
            ctx.response().setStatusCode(204).end();
        });
        router.post("/sandbox/services/:name/operations").handler(this::startOperation);
        router.get("/sandbox/operations").handler(ctx -> json(ctx, 200, operations()));
        router.put("/sandbox/services").handler(this::putService);
        router.patch("/sandbox/services/:name").handler(this::patchService);
        router.delete("/sandbox/services/:name").handler(ctx -> {
            Optional<ObjectNode> s = emulator.state().serviceByName(ctx.pathParam("name"));
            s.ifPresent(svc -> emulator.state().removeService(svc.path("id").asText()));
            ctx.response().setStatusCode(s.isPresent() ? 204 : 404).end();
        });
        router.put("/sandbox/zones").handler(ctx -> guarded(ctx, () -> {
            emulator.state().putZone(body(ctx));
            ctx.response().setStatusCode(201).end();
        }));
        router.get("/sandbox/zones").handler(this::dumpZones);
        router.put("/sandbox/zones/:zone/records/:name").handler(this::putRecord);
        router.delete("/sandbox/zones/:zone/records/:name").handler(ctx -> {
            var zone = emulator.state().zoneByName(ctx.pathParam("zone"));
            boolean removed;
            synchronized (emulator.state()) {
                removed = zone.map(z -> z.records.remove(ctx.pathParam("name").toLowerCase(Locale.ROOT)) != null)
                        .orElse(false);
            }
            ctx.response().setStatusCode(removed ? 204 : 404).end();
        });
        router.get("/sandbox/msi/token").handler(this::managedIdentityToken);
        router.get("/sandbox/msi/issued").handler(ctx -> json(ctx, 200, issued));
        router.put("/sandbox/events").handler(ctx -> guarded(ctx, () -> {
            JsonNode req = body(ctx);
            List<String> webhooks = new ArrayList<>();
            text(req, "webhookUrl").ifPresent(webhooks::add);
            req.path("webhookUrls").forEach(u -> webhooks.add(u.asText()));
            events.configure(new SandboxEvents.Destination(webhooks, text(req, "kafkaBootstrap"),
                    text(req, "kafkaTopic"), "cloudevents".equalsIgnoreCase(req.path("schema").asText())));
            ctx.response().setStatusCode(204).end();
        }));
        // A JSON Web Key Set for tests of Entra ID-secured webhooks: the test puts its public key, the daemon reads it.
        router.put("/sandbox/jwks").handler(ctx -> guarded(ctx, () -> {
            jwks = body(ctx).toString();
            ctx.response().setStatusCode(204).end();
        }));
        router.get("/sandbox/jwks").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(jwks));
        router.post("/sandbox/faults").handler(this::addFault);
        router.delete("/sandbox/faults").handler(ctx -> {
            emulator.faults().clear();
            ctx.response().setStatusCode(204).end();
        });
        router.get("/sandbox/requests").handler(ctx -> json(ctx, 200, emulator.requests().entries()));
        router.delete("/sandbox/requests").handler(ctx -> {
            emulator.requests().clear();
            ctx.response().setStatusCode(204).end();
        });
    }

    /** Tokens issued by the emulated managed-identity endpoint, with the resource (audience) asked for. */
    public record IssuedToken(String token, String resource, Instant at) {
    }

    private volatile String jwks = "{\"keys\":[]}";
    private final List<IssuedToken> issued = new java.util.concurrent.CopyOnWriteArrayList<>();

    public List<IssuedToken> issuedTokens() {
        return List.copyOf(issued);
    }

    /**
     * The App Service managed-identity protocol (IDENTITY_ENDPOINT / IDENTITY_HEADER, api-version 2019-08-01):
     * GET ?resource=...&api-version=... with header X-IDENTITY-HEADER.
     */
    private void managedIdentityToken(RoutingContext ctx) {
        if (!config.identityHeader().equals(ctx.request().getHeader("X-IDENTITY-HEADER"))) {
            error(ctx, 401, "X-IDENTITY-HEADER missing or wrong");
            return;
        }
        String resource = ctx.request().getParam("resource");
        if (resource == null || resource.isBlank()) {
            error(ctx, 400, "resource is required");
            return;
        }
        String token = "sandbox-msi-" + java.util.UUID.randomUUID();
        issued.add(new IssuedToken(token, resource, Instant.now()));
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("access_token", token);
        b.put("expires_on", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()));
        b.put("resource", resource);
        b.put("token_type", "Bearer");
        b.put("client_id", "00000000-0000-0000-0000-0000000000aa");
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(b.toString());
    }

    public List<Operation> operations() {
        return ops.values().stream().sorted(java.util.Comparator.comparingLong(Operation::id)).toList();
    }

    private void startOperation(RoutingContext ctx) {
        guarded(ctx, () -> {
            JsonNode req = body(ctx);
            SandboxOperations.Type type = SandboxOperations.Type.of(req.path("type").asText());
            ObjectNode service = emulator.state().serviceByName(ctx.pathParam("name"))
                    .orElseThrow(() -> new NotFound("no APIM service named '" + ctx.pathParam("name") + "'"));
            String state = service.path("properties").path("provisioningState").asText();
            if (!state.equalsIgnoreCase("Succeeded") && !state.equalsIgnoreCase("Failed")) {
                throw new IllegalStateException("the service is " + state + "; wait for the running update to end");
            }
            SandboxOperations.validate(type, req, service);
            String outcome = req.path("outcome").asText("Succeeded");
            Duration delay = req.has("delaySeconds")
                    ? Duration.ofMillis((long) (req.path("delaySeconds").asDouble() * 1000))
                    : config.operationDelay();
            String key = service.path("id").asText();
            SandboxEvents.Mode eventMode = SandboxEvents.Mode.valueOf(req.path("events").asText("completion")
                    .toUpperCase(Locale.ROOT).replace('-', '_'));
            Duration lateBy = Duration.ofMillis((long) (req.path("eventDelaySeconds").asDouble(30) * 1000));
            emulator.state().updateService(key, s -> {
                ObjectNode p = (ObjectNode) s.get("properties");
                p.put("provisioningState", "Updating");
                p.put("targetProvisioningState", "Succeeded");
            });
            Instant now = Instant.now();
            Operation op = new Operation(ids.incrementAndGet(), service.path("name").asText(), type.wire, outcome, now,
                    now.plus(delay), Optional.empty());
            ops.put(op.id(), op);
            vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
                Instant[] done = new Instant[1];
                emulator.state().updateService(key, s -> {
                    ObjectNode p = (ObjectNode) s.get("properties");
                    if (outcome.equalsIgnoreCase("Succeeded")) {
                        operations.complete(type, req, s);
                    }
                    p.put("provisioningState", outcome.equalsIgnoreCase("Succeeded") ? "Succeeded" : "Failed");
                    p.put("targetProvisioningState", "");
                    done[0] = Instant.now();
                });
                ops.computeIfPresent(op.id(), (id, o) -> new Operation(o.id(), o.service(), o.type(), o.outcome(),
                        o.startedAt(), o.completesAt(), Optional.ofNullable(done[0])));
                String resourceId = key;
                vertx.executeBlocking(() -> {
                    events.operationCompleted(resourceId, done[0], outcome.equalsIgnoreCase("Succeeded"), eventMode,
                            lateBy);
                    return null;
                }, false);
            });
            json(ctx, 202, op);
        });
    }

    private void putService(RoutingContext ctx) {
        guarded(ctx, () -> {
            emulator.state().putService((ObjectNode) body(ctx));
            ctx.response().setStatusCode(201).end();
        });
    }

    /** Deep-merges the body into the service JSON (to inject payloads such as an invalid VIP). */
    private void patchService(RoutingContext ctx) {
        guarded(ctx, () -> {
            JsonNode patch = body(ctx);
            ObjectNode service = emulator.state().serviceByName(ctx.pathParam("name"))
                    .orElseThrow(() -> new NotFound("no APIM service named '" + ctx.pathParam("name") + "'"));
            ObjectNode updated = emulator.state().updateService(service.path("id").asText(), s -> merge(s, patch))
                    .orElseThrow();
            json(ctx, 200, updated);
        });
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && target.path(e.getKey()).isObject()) {
                merge((ObjectNode) target.get(e.getKey()), e.getValue());
            } else if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private void putRecord(RoutingContext ctx) {
        guarded(ctx, () -> {
            JsonNode req = body(ctx);
            var zone = emulator.state().zoneByName(ctx.pathParam("zone"))
                    .orElseThrow(() -> new NotFound("no zone named '" + ctx.pathParam("zone") + "'"));
            ObjectNode props = JsonNodeFactory.instance.objectNode();
            props.set("metadata",
                    req.has("metadata") ? req.get("metadata").deepCopy() : JsonNodeFactory.instance.objectNode());
            props.put("ttl", req.path("ttl").asLong(3600));
            ArrayNode a = props.putArray("aRecords");
            req.path("ips").forEach(ip -> a.addObject().put("ipv4Address", ip.asText()));
            var rs = emulator.state().putRecordOutOfBand(zone, ctx.pathParam("name"), props);
            json(ctx, 200, emulator.recordJson(zone, rs));
        });
    }

    private void dumpZones(RoutingContext ctx) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (var z : emulator.state().allZones()) {
            ObjectNode zn = out.putObject(z.id.name());
            synchronized (emulator.state()) {
                z.records.values().forEach(r -> {
                    ObjectNode rn = zn.putObject(r.name);
                    ArrayNode ips = rn.putArray("ips");
                    r.properties.path("aRecords").forEach(a -> ips.add(a.path("ipv4Address").asText()));
                    rn.put("ttl", r.properties.path("ttl").asLong());
                    rn.set("metadata", r.properties.path("metadata"));
                });
            }
        }
        json(ctx, 200, out);
    }

    private void addFault(RoutingContext ctx) {
        guarded(ctx, () -> {
            JsonNode req = body(ctx);
            Faults.Kind kind = Faults.Kind.valueOf(req.path("kind").asText("status").toUpperCase(Locale.ROOT)
                    .replace('-', '_'));
            emulator.faults().add(new Faults.Rule(kind, req.path("method").asText(""),
                    Pattern.compile(req.path("path").asText(".*").toLowerCase(Locale.ROOT)),
                    req.path("status").asInt(429),
                    req.path("retryAfterSeconds").asInt(0), req.path("latencyMs").asLong(0),
                    new AtomicInteger(req.path("count").asInt(1))));
            ctx.response().setStatusCode(201).end();
        });
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) && !n.path(field).asText().isBlank() ? Optional.of(n.path(field).asText())
                : Optional.empty();
    }

    private JsonNode body(RoutingContext ctx) {
        try {
            return json.readTree(ctx.body().asString() == null ? "{}" : ctx.body().asString());
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String m) {
            super(m);
        }
    }

    private static void guarded(RoutingContext ctx, Runnable r) {
        try {
            r.run();
        } catch (NotFound e) {
            error(ctx, 404, e.getMessage());
        } catch (IllegalStateException e) {
            error(ctx, 409, e.getMessage());
        } catch (RuntimeException e) {
            error(ctx, 400, e.getMessage());
        }
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("error", message);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(b.toString());
    }

    private void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(body));
        } catch (Exception e) {
            error(ctx, 500, e.getMessage());
        }
    }
}
