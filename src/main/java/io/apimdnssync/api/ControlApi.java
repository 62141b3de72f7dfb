package io.apimdnssync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.drift.DriftEpisodes;
import io.apimdnssync.events.EventStats;
import io.apimdnssync.provider.DnsProviders;
import io.apimdnssync.provider.rfc2136.Rfc2136Provider;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.reconcile.KnownInstances;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Rounds;
import io.apimdnssync.reconcile.StaleWindows;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Status, plan and on-demand work: {@code /api/v1}. An instance is named by its name or by its resource ID, whose
 * slashes may stay as they are ({@code /api/v1/instances/subscriptions/…/service/contoso}). Vert.x routes, so that
 * the same API can be mounted on the public router (behind Entra ID) or on the management interface; no handler
 * blocks an event loop.
 */
@ApplicationScoped
public class ControlApi {
    static final String ROOT = "/api/v1";
    private static final Logger LOG = Logger.getLogger(ControlApi.class);

    private final StatusStore status;
    private final WorkQueue queue;
    private final Rounds rounds;
    private final StaleWindows staleWindows;
    private final EventStats eventStats;
    private final DnsProviders providers;
    private final SyncConfig config;
    private final ObjectMapper json;
    private final Audit audit;
    private final KnownInstances known;
    private final DriftEpisodes drift;
    private final Leadership leadership;

    ControlApi(StatusStore status, WorkQueue queue, Rounds rounds, StaleWindows staleWindows, EventStats eventStats,
            DnsProviders providers, SyncConfig config, ObjectMapper json, Audit audit, KnownInstances known,
            DriftEpisodes drift, Leadership leadership) {
        this.leadership = leadership;
        this.status = status;
        this.queue = queue;
        this.rounds = rounds;
        this.staleWindows = staleWindows;
        this.eventStats = eventStats;
        this.providers = providers;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.known = known;
        this.drift = drift;
    }

    void register(Router router) {
        router.route(ROOT + "/*").handler(ControlApi::checkFlags);
        get(router, "/stale-windows", staleWindows::summary);
        get(router, "/events/stats", eventStats::snapshot);
        get(router, "/queue", queue::depth);
        get(router, "/drift", drift::open);
        get(router, "/servers", () -> providers.servers().stream().map(Rfc2136Provider::status).toList());
        get(router, "/instances", () -> status.instances().stream().map(InstanceView::summary).toList());
        router.getWithRegex(ROOT + "/instances/(.+)").handler(ctx -> instance(ctx, ctx.pathParam("param0")));
        router.get(ROOT + "/plan").handler(ctx -> answer(ctx, rounds.plan()));
        router.post(ROOT + "/reconcile").handler(this::refuseUnlessLeading);
        router.postWithRegex(ROOT + "/instances/(.+)/reconcile").handler(this::refuseUnlessLeading);
        router.post(ROOT + "/reconcile").handler(ctx -> {
            boolean force = flag(ctx, "force", false);
            audit.record(ctx, "reconcile all", force);
            reply(ctx, rounds.resync(Trigger.of("api"), force), flag(ctx, "wait", true));
        });
        router.postWithRegex(ROOT + "/instances/(.+)/reconcile").handler(ctx -> reconcileInstance(ctx,
                ctx.pathParam("param0")));
    }

    /** Work asked of a standby would be dropped: say so, and who leads, rather than queue it. */
    private void refuseUnlessLeading(RoutingContext ctx) {
        if (leadership.leading()) {
            ctx.next();
        } else {
            error(ctx, 503, "this replica does not lead" + leadership.leader().map(l -> "; " + l + " does")
                    .orElse("; no replica holds the Lease yet") + ": ask the leader");
        }
    }

    private void get(Router router, String path, Supplier<Object> body) {
        router.get(ROOT + path).handler(ctx -> send(ctx, 200, body.get()));
    }

    private void instance(RoutingContext ctx, String name) {
        List<InstanceReport> matches = find(name);
        if (matches.isEmpty()) {
            error(ctx, 404, "no instance named '" + name + "' has been reconciled yet");
        } else if (matches.size() > 1) {
            error(ctx, 409, "'" + name + "' is ambiguous: " + matches.stream().map(InstanceReport::instance).toList());
        } else {
            InstanceReport r = matches.get(0);
            send(ctx, 200, InstanceView.of(r, status.updatingSince(r.instance())));
        }
    }

    private void reconcileInstance(RoutingContext ctx, String name) {
        boolean force = flag(ctx, "force", false);
        boolean wait = flag(ctx, "wait", true);
        String key;
        if (name.contains("/")) {
            String raw = name.startsWith("/") ? name : "/" + name;
            ArmId id = ArmId.parse(raw).filter(ArmId::isWellFormedApim).orElse(null);
            if (id == null) {
                error(ctx, 400, "'" + raw + "' is not an APIM resource ID (/subscriptions/<id>/resourceGroups/"
                        + "<group>/providers/Microsoft.ApiManagement/service/<name>)");
                return;
            }
            if (!config.scope().mayManage(id)) {
                error(ctx, 404, "'" + raw + "' is not in the configured scope (instances.ids or a discovery scope)");
                return;
            }
            key = id.key();
        } else {
            List<InstanceReport> matches = find(name);
            if (matches.size() > 1) {
                error(ctx, 409, "'" + name + "' is ambiguous: "
                        + matches.stream().map(InstanceReport::instance).toList());
                return;
            }
            if (matches.isEmpty()) {
                error(ctx, 404, "no instance named '" + name + "' is known; pass its resource ID or run a round");
                return;
            }
            key = matches.get(0).instance();
        }
        audit.record(ctx, "reconcile " + key, force);
        reply(ctx, known.reconcile(key, Trigger.of("api"), force), wait);
    }

    private List<InstanceReport> find(String name) {
        String n = (name.startsWith("/") || !name.contains("/") ? name : "/" + name).toLowerCase(Locale.ROOT);
        return status.instances().stream().filter(r -> r.instance().equals(n)
                || r.read().id().name().equalsIgnoreCase(name)).toList();
    }

    /** With wait, the response when the work is done (no thread waits for it); without, 202 at once. */
    private void reply(RoutingContext ctx, CompletableFuture<ReconcileReport> work, boolean wait) {
        if (!wait) {
            send(ctx, 202, Map.of("queued", true));
            return;
        }
        answer(ctx, work);
    }

    private void answer(RoutingContext ctx, CompletableFuture<ReconcileReport> work) {
        work.orTimeout(10, TimeUnit.MINUTES).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warnf("%s %s failed: %s", ctx.request().method(), ctx.normalizedPath(), e.toString());
                error(ctx, 500, "the work failed: " + e.getMessage());
            } else if (r == null) {
                error(ctx, 503, "the work was not run (this replica stopped leading, or the daemon is stopping)");
            } else {
                send(ctx, 200, PassView.of(r));
            }
        });
    }

    /** {@code force} and {@code wait} are true or false; anything else is a 400, not a silent false. */
    private static void checkFlags(RoutingContext ctx) {
        for (String name : List.of("force", "wait")) {
            for (String v : ctx.queryParam(name)) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                            .end("{\"error\":\"" + name + " must be true or false\"}");
                    return;
                }
            }
        }
        ctx.next();
    }

    private static boolean flag(RoutingContext ctx, String name, boolean otherwise) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? otherwise : Boolean.parseBoolean(values.get(0));
    }

    private void error(RoutingContext ctx, int code, String message) {
        send(ctx, code, Map.of("error", message));
    }

    private void send(RoutingContext ctx, int code, Object body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        try {
            ctx.response().setStatusCode(code).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(body));
        } catch (Exception e) {
            LOG.errorf("%s %s: the answer could not be written: %s", ctx.request().method(), ctx.normalizedPath(),
                    e.toString());
            ctx.response().setStatusCode(500).end();
        }
    }
}
