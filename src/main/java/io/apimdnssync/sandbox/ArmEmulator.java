package io.apimdnssync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apimdnssync.arm.ArmId;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An ARM emulator for the dev and test profiles: the URLs, JSON, status codes, headers, ETags, paging and error
 * bodies of Microsoft.ApiManagement/service and Microsoft.Network/privateDnsZones as ARM serves them, so the
 * daemon runs through the real Azure SDK. Control endpoints under {@code /sandbox} simulate VIP-changing operations.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class ArmEmulator {
    @Inject
    ObjectMapper json;
    private static final Logger LOG = Logger.getLogger(ArmEmulator.class);

    @Inject
    SandboxConfig config;
    @Inject
    Vertx vertx;
    @Inject
    SandboxControl control;
    @Inject
    SandboxEvents events;

    final SandboxState state = new SandboxState();
    final RequestLog log = new RequestLog();
    final Faults faults = new Faults();
    private HttpServer server;
    private JsonNode seed;

    void start(@Observes @Priority(10) StartupEvent e) throws Exception {
        if (!config.enabled()) {
            return;
        }
        seed = readSeed(config.seed());
        config.eventsWebhookUrl().ifPresent(urls -> events.configure(new SandboxEvents.Destination(urls,
                Optional.empty(), Optional.empty(), false)));
        state.load(seed);
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(1 << 20));
        control.register(router, this);
        router.route().handler(this::arm);
        HttpServerOptions options = new HttpServerOptions();
        config.tlsKeyStore().ifPresent(ks -> options.setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(ks).setPassword(config.tlsKeyStorePassword())));
        server = vertx.createHttpServer(options).requestHandler(router).listen(config.port(), "localhost")
                .toCompletionStage().toCompletableFuture().get();
        LOG.infof(config.tlsKeyStore().isPresent() ? "ARM sandbox listening on https://localhost:%d"
                : "ARM sandbox listening on https://localhost:%d (plain http on loopback; the SDK's transport "
                        + "rewrites the scheme in the sandbox profile only)",
                server.actualPort());
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("the ARM sandbox is not running (apim-dns-sync.sandbox.enabled=false)");
        }
        return server.actualPort();
    }

    public SandboxConfig config() {
        return config;
    }

    public SandboxState state() {
        return state;
    }

    public RequestLog requests() {
        return log;
    }

    public Faults faults() {
        return faults;
    }

    public void reset() {
        state.load(seed);
        faults.clear();
        log.clear();
    }

    private JsonNode readSeed(String location) throws Exception {
        Path p = Path.of(location);
        if (Files.isRegularFile(p)) {
            return json.readTree(Files.readString(p));
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("sandbox seed '" + location + "' is neither a file nor a resource");
            }
            return json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // ---- ARM ----

    private void arm(RoutingContext ctx) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        Optional<Faults.Rule> latency = faults.take(Faults.Kind.LATENCY, method, path);
        if (latency.isPresent()) {
            vertx.setTimer(latency.get().latencyMs(), t -> armNow(ctx, method, path));
        } else {
            armNow(ctx, method, path);
        }
    }

    private static String writtenBody(RoutingContext ctx, String method) {
        if (method.equals("GET") || ctx.body() == null || ctx.body().buffer() == null) {
            return "";
        }
        String body = ctx.body().asString();
        return body.length() > 4096 ? body.substring(0, 4096) : body;
    }

    private void armNow(RoutingContext ctx, String method, String path) {
        Reply reply;
        try {
            reply = dispatch(ctx, method, path);
        } catch (RuntimeException ex) {
            LOG.warn("sandbox error", ex);
            reply = Reply.error(500, "InternalServerError", "Encountered internal server error: " + ex.getMessage());
        }
        String auth = Optional.ofNullable(ctx.request().getHeader("Authorization")).orElse("");
        log.add(new RequestLog.Entry(Instant.now(), method, path, Optional.ofNullable(ctx.request().query()).orElse(""),
                reply.status, ctx.request().getHeader("If-Match"), ctx.request().getHeader("If-None-Match"),
                auth.startsWith("Bearer ") ? auth.substring(7) : "", writtenBody(ctx, method)));
        var resp = ctx.response().setStatusCode(reply.status);
        resp.putHeader("x-ms-request-id", UUID.randomUUID().toString());
        resp.putHeader("x-ms-correlation-request-id",
                Optional.ofNullable(ctx.request().getHeader("x-ms-client-request-id"))
                        .orElse(UUID.randomUUID().toString()));
        resp.putHeader(method.equals("GET") ? "x-ms-ratelimit-remaining-subscription-reads"
                : "x-ms-ratelimit-remaining-subscription-writes", method.equals("GET") ? "249" : "1199");
        reply.headers.forEach(h -> resp.putHeader(h[0], h[1]));
        if (reply.body == null) {
            resp.end();
        } else {
            resp.putHeader("Content-Type", "application/json; charset=utf-8");
            resp.end(reply.body.toString());
        }
    }

    private Reply dispatch(RoutingContext ctx, String method, String path) {
        if (ctx.request().getHeader("Authorization") == null) {
            return Reply.error(401, "AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.");
        }
        if (ctx.request().getParam("api-version") == null) {
            return Reply.error(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        Optional<Faults.Rule> fault = faults.take(Faults.Kind.STATUS, method, path);
        if (fault.isPresent()) {
            Faults.Rule f = fault.get();
            Reply r = f.status() == 429
                    ? Reply.error(429, "TooManyRequests",
                            "The request is being throttled as the limit has been reached "
                                    + "for operation type - Read_ObservationWindow_00:05:00. For more information, refer - "
                                    + "https://aka.ms/srpthrottlinglimits")
                    : Reply.error(f.status(), errorCode(f.status()), "Injected failure " + f.status());
            if (f.retryAfterSeconds() > 0) {
                r.headers.add(new String[] {"Retry-After", Integer.toString(f.retryAfterSeconds())});
            }
            return r;
        }
        String[] seg = path.replaceAll("^/+|/+$", "").split("/");
        String[] low = path.toLowerCase(Locale.ROOT).replaceAll("^/+|/+$", "").split("/");
        if (low.length < 2 || !low[0].equals("subscriptions")) {
            return notFoundPath(path);
        }
        String sub = seg[1];
        if (!state.subscriptionExists(sub)) {
            return Reply.error(404, "SubscriptionNotFound", "The subscription '" + sub + "' could not be found.");
        }
        Optional<String> rg = Optional.empty();
        int i = 2;
        if (low.length > 3 && low[2].equals("resourcegroups")) {
            rg = Optional.of(seg[3]);
            i = 4;
        }
        if (low.length < i + 3 || !low[i].equals("providers")) {
            return notFoundPath(path);
        }
        String provider = low[i + 1] + "/" + low[i + 2];
        String[] rest = java.util.Arrays.copyOfRange(seg, i + 3, seg.length);
        if (provider.equals("microsoft.apimanagement/service")) {
            return apim(ctx, method, sub, rg, rest);
        }
        if (provider.equals("microsoft.network/privatednszones")) {
            return privateDns(ctx, method, sub, rg, rest);
        }
        return notFoundPath(path);
    }

    /** The ARM error code that goes with an injected status. */
    static String errorCode(int status) {
        return switch (status) {
            case 401 -> "AuthenticationFailed";
            case 403 -> "AuthorizationFailed";
            case 404 -> "ResourceNotFound";
            case 409 -> "Conflict";
            case 412 -> "PreconditionFailed";
            case 500 -> "InternalServerError";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "GatewayTimeout";
            default -> status >= 500 ? "InternalServerError" : "BadRequest";
        };
    }

    private Reply notFoundPath(String path) {
        return Reply.error(404, "InvalidResourceType", "The resource type could not be found for path '" + path + "'.");
    }

    private Reply apim(RoutingContext ctx, String method, String sub, Optional<String> rg, String[] rest) {
        if (rest.length == 0) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            List<JsonNode> items = new ArrayList<>(state.services(sub, rg));
            return page(ctx, items);
        }
        if (rg.isEmpty() || rest.length != 1) {
            return notFoundPath(ctx.request().path());
        }
        if (!method.equals("GET")) {
            return methodNotAllowed(method);
        }
        String key = new ArmId(sub, rg.get(), "Microsoft.ApiManagement", "service", rest[0]).key();
        return state.service(key).map(s -> Reply.ok(200, s))
                .orElseGet(() -> Reply.error(404, "ResourceNotFound", "The Resource 'Microsoft.ApiManagement/service/"
                        + rest[0] + "' under resource group '" + rg.get()
                        + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"));
    }

    private Reply privateDns(RoutingContext ctx, String method, String sub, Optional<String> rg, String[] rest) {
        if (rest.length == 0) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            List<JsonNode> items = state.zones(sub, rg).stream().map(this::zoneJson).map(JsonNode.class::cast).toList();
            return page(ctx, items);
        }
        if (rg.isEmpty()) {
            return notFoundPath(ctx.request().path());
        }
        String zoneName = rest[0];
        ArmId zoneId = new ArmId(sub, rg.get(), "Microsoft.Network", "privateDnsZones", zoneName);
        Optional<SandboxState.Zone> zone = state.zone(zoneId.key());
        if (zone.isEmpty()) {
            return Reply.error(404, "ResourceNotFound", "The Resource 'Microsoft.Network/privateDnsZones/" + zoneName
                    + "' under resource group '" + rg.get()
                    + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
        }
        SandboxState.Zone z = zone.get();
        if (rest.length == 1) {
            return method.equals("GET") ? Reply.ok(200, zoneJson(z)) : methodNotAllowed(method);
        }
        String kind = rest[1].toLowerCase(Locale.ROOT);
        if (kind.equals("virtualnetworklinks") && rest.length == 2) {
            return method.equals("GET") ? page(ctx, links(z)) : methodNotAllowed(method);
        }
        if ((kind.equals("all") || kind.equals("a")) && rest.length == 2) {
            if (!method.equals("GET")) {
                return methodNotAllowed(method);
            }
            List<JsonNode> items;
            synchronized (state) {
                items = z.records.values().stream().map(r -> (JsonNode) recordJson(z, r)).toList();
            }
            return page(ctx, items);
        }
        if (kind.equals("a") && rest.length == 3) {
            return recordSet(ctx, method, z, rest[2]);
        }
        return notFoundPath(ctx.request().path());
    }

    private Reply recordSet(RoutingContext ctx, String method, SandboxState.Zone z, String rawName) {
        String name = rawName.toLowerCase(Locale.ROOT);
        String ifMatch = unquote(ctx.request().getHeader("If-Match"));
        String ifNoneMatch = unquote(ctx.request().getHeader("If-None-Match"));
        if (!method.equals("GET") && faults.take(Faults.Kind.ETAG_RACE, method, ctx.request().path()).isPresent()) {
            synchronized (state) {
                SandboxState.RecordSet existing = z.records.get(name);
                if (existing != null) {
                    existing.etag = UUID.randomUUID().toString();
                }
            }
        }
        synchronized (state) {
            SandboxState.RecordSet existing = z.records.get(name);
            switch (method) {
                case "GET":
                    if (existing == null) {
                        return recordNotFound(z, rawName);
                    }
                    return Reply.ok(200, recordJson(z, existing)).header("ETag", existing.etag);
                case "PUT": {
                    if (existing != null && "*".equals(ifNoneMatch)) {
                        return Reply.error(412, "PreconditionFailed",
                                "The Record set " + rawName + " exists already and hence cannot be created again.");
                    }
                    if (ifMatch != null && !ifMatch.equals("*")
                            && (existing == null || !existing.etag.equals(ifMatch))) {
                        return Reply.error(412, "PreconditionFailed",
                                "The Record set " + rawName + " has been modified (etag mismatch).");
                    }
                    JsonNode body = ctx.body() == null || ctx.body().buffer() == null ? null
                            : parse(ctx.body().asString());
                    Optional<String> invalid = validateRecordBody(body);
                    if (invalid.isPresent()) {
                        return Reply.error(400, "BadRequest", invalid.get());
                    }
                    ObjectNode props = JsonNodeFactory.instance.objectNode();
                    JsonNode p = body.path("properties");
                    props.set("metadata",
                            p.has("metadata") ? p.get("metadata").deepCopy() : JsonNodeFactory.instance.objectNode());
                    props.put("ttl", p.path("ttl").asLong(3600));
                    props.set("aRecords", p.path("aRecords").deepCopy());
                    boolean created = existing == null;
                    SandboxState.RecordSet rs = created ? new SandboxState.RecordSet(name, props) : existing;
                    rs.properties = props;
                    rs.etag = UUID.randomUUID().toString();
                    z.records.put(name, rs);
                    return Reply.ok(created ? 201 : 200, recordJson(z, rs)).header("ETag", rs.etag);
                }
                case "DELETE":
                    if (ifMatch != null && !ifMatch.equals("*")
                            && (existing == null || !existing.etag.equals(ifMatch))) {
                        return Reply.error(412, "PreconditionFailed",
                                "The Record set " + rawName + " has been modified (etag mismatch).");
                    }
                    if (existing == null) {
                        return new Reply(204, null);
                    }
                    z.records.remove(name);
                    return new Reply(200, null);
                default:
                    return methodNotAllowed(method);
            }
        }
    }

    private static Optional<String> validateRecordBody(JsonNode body) {
        if (body == null || !body.path("properties").isObject()) {
            return Optional.of("The request body is invalid: 'properties' is required.");
        }
        JsonNode ttl = body.path("properties").path("ttl");
        if (!ttl.isMissingNode() && (!ttl.canConvertToLong() || ttl.asLong() < 0 || ttl.asLong() > 2147483647L)) {
            return Optional.of("The value of TTL is out of range.");
        }
        for (JsonNode a : body.path("properties").path("aRecords")) {
            if (!io.apimdnssync.source.Ipv4.isValid(a.path("ipv4Address").asText())) {
                return Optional.of("The IPv4 address '" + a.path("ipv4Address").asText() + "' is invalid.");
            }
        }
        return Optional.empty();
    }

    private Reply recordNotFound(SandboxState.Zone z, String name) {
        return Reply.error(404, "NotFound", "The resource record '" + name + "' does not exist in resource group '"
                + z.id.resourceGroup() + "' of subscription '" + z.id.subscription() + "'.");
    }

    private static Reply methodNotAllowed(String method) {
        return Reply.error(405, "MethodNotAllowed",
                "The requested resource does not support http method '" + method + "'.");
    }

    private static String unquote(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }

    /** ARM paging: {@code $top} sets the page size, {@code nextLink} carries an opaque {@code $skipToken}. */
    private Reply page(RoutingContext ctx, List<JsonNode> items) {
        int top = Optional.ofNullable(ctx.request().getParam("$top")).map(Integer::parseInt).orElse(config.pageSize());
        int offset = Optional.ofNullable(ctx.request().getParam("$skipToken"))
                .map(t -> Integer.parseInt(new String(Base64.getUrlDecoder().decode(t), StandardCharsets.UTF_8)))
                .orElse(0);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode value = body.putArray("value");
        items.stream().skip(offset).limit(top).forEach(value::add);
        if (offset + top < items.size()) {
            String token = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(offset + top).getBytes(StandardCharsets.UTF_8));
            String next = origin() + ctx.request().path() + "?api-version=" + ctx.request().getParam("api-version")
                    + (ctx.request().getParam("$top") != null ? "&$top=" + top : "") + "&$skipToken=" + token;
            body.put("nextLink", next);
        }
        return Reply.ok(200, body);
    }

    private String origin() {
        return "https://localhost:" + port();
    }

    ObjectNode zoneJson(SandboxState.Zone z) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", z.id.path());
        n.put("name", z.id.name());
        n.put("type", "Microsoft.Network/privateDnsZones");
        n.put("etag", z.etag);
        n.put("location", "global");
        ObjectNode p = n.putObject("properties");
        p.put("maxNumberOfRecordSets", 25000);
        synchronized (state) {
            p.put("numberOfRecordSets", z.records.size() + 1);
        }
        p.put("maxNumberOfVirtualNetworkLinks", 1000);
        p.put("numberOfVirtualNetworkLinks", z.links.size());
        p.put("maxNumberOfVirtualNetworkLinksWithRegistration", 100);
        p.put("numberOfVirtualNetworkLinksWithRegistration", 0);
        p.put("provisioningState", "Succeeded");
        n.putObject("tags");
        return n;
    }

    private List<JsonNode> links(SandboxState.Zone z) {
        List<JsonNode> out = new ArrayList<>();
        for (String vnet : z.links) {
            String linkName = vnet.substring(vnet.lastIndexOf('/') + 1) + "-link";
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("id", z.id.path() + "/virtualNetworkLinks/" + linkName);
            n.put("name", linkName);
            n.put("type", "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
            n.put("location", "global");
            n.put("etag", UUID.nameUUIDFromBytes(linkName.getBytes(StandardCharsets.UTF_8)).toString());
            ObjectNode p = n.putObject("properties");
            p.putObject("virtualNetwork").put("id", vnet);
            p.put("registrationEnabled", false);
            p.put("virtualNetworkLinkState", "Completed");
            p.put("provisioningState", "Succeeded");
            out.add(n);
        }
        return out;
    }

    ObjectNode recordJson(SandboxState.Zone z, SandboxState.RecordSet r) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", z.id.path() + "/A/" + r.name);
        n.put("etag", r.etag);
        n.put("name", r.name);
        n.put("type", "Microsoft.Network/privateDnsZones/A");
        ObjectNode p = n.putObject("properties");
        p.set("metadata", r.properties.path("metadata").deepCopy());
        p.put("ttl", r.properties.path("ttl").asLong());
        p.put("fqdn", ("@".equals(r.name) ? "" : r.name + ".") + z.id.name() + ".");
        p.put("isAutoRegistered", false);
        p.set("aRecords", r.properties.path("aRecords").deepCopy());
        return n;
    }

    static final class Reply {
        final int status;
        final JsonNode body;
        final List<String[]> headers = new ArrayList<>();

        Reply(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        static Reply ok(int status, JsonNode body) {
            return new Reply(status, body);
        }

        Reply header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        static Reply error(int status, String code, String message) {
            ObjectNode b = JsonNodeFactory.instance.objectNode();
            b.putObject("error").put("code", code).put("message", message);
            return new Reply(status, b);
        }
    }
}
