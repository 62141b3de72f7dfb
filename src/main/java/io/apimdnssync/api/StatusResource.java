package io.apimdnssync.api;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.events.EventStats;
import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Rounds;
import io.apimdnssync.reconcile.StaleWindows;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Status, plan and on-demand work: {@code /api/v1}. An instance is named by its name or by its resource ID, whose
 * slashes may stay as they are ({@code /api/v1/instances/subscriptions/…/service/contoso}).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final StatusStore status;
    private final WorkQueue queue;
    private final Rounds rounds;
    private final StaleWindows staleWindows;
    private final EventStats eventStats;
    private final SyncConfig config;

    StatusResource(StatusStore status, WorkQueue queue, Rounds rounds, StaleWindows staleWindows,
            EventStats eventStats, SyncConfig config) {
        this.status = status;
        this.queue = queue;
        this.rounds = rounds;
        this.staleWindows = staleWindows;
        this.eventStats = eventStats;
        this.config = config;
    }

    /** From an update's completion to its records written: p50, p99 and the latest samples. */
    @GET
    @Path("/stale-windows")
    public StaleWindows.Summary staleWindows() {
        return staleWindows.summary();
    }

    /** What the event triggers received and did with it. */
    @GET
    @Path("/events/stats")
    public Map<String, Long> eventStats() {
        return eventStats.snapshot();
    }

    /** Work waiting (keyed, resync), running, and keys with a retry or update poll scheduled. */
    @GET
    @Path("/queue")
    public WorkQueue.Depth queue() {
        return queue.depth();
    }

    @GET
    @Path("/instances")
    public List<InstanceView.Summary> instances() {
        return status.instances().stream().map(InstanceView::summary).toList();
    }

    @GET
    @Path("/instances/{name: .+}")
    public Response instance(@PathParam("name") String name) {
        List<InstanceReport> matches = find(name);
        if (matches.isEmpty()) {
            return error(404, "no instance named '" + name + "' has been reconciled yet");
        }
        if (matches.size() > 1) {
            return error(409,
                    "'" + name + "' is ambiguous: " + matches.stream().map(InstanceReport::instance).toList());
        }
        InstanceReport r = matches.get(0);
        return Response.ok(InstanceView.of(r, status.updatingSince(r.instance()))).build();
    }

    /** What a round would change now; nothing is written. Served from the latest dry run when it is recent. */
    @GET
    @Path("/plan")
    public CompletionStage<PassView> plan() {
        return rounds.plan().orTimeout(10, TimeUnit.MINUTES).thenApply(PassView::of);
    }

    @POST
    @Path("/reconcile")
    public CompletionStage<Response> reconcile(@QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("wait") @DefaultValue("true") boolean wait) {
        return answer(rounds.resync(Trigger.of("api"), force), wait);
    }

    @POST
    @Path("/instances/{name: .+}/reconcile")
    public CompletionStage<Response> reconcileInstance(@PathParam("name") String name,
            @QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("wait") @DefaultValue("true") boolean wait) {
        if (name.contains("/")) {
            String raw = name.startsWith("/") ? name : "/" + name;
            ArmId id = ArmId.parse(raw).filter(i -> i.isOfType("Microsoft.ApiManagement/service")).orElse(null);
            if (id == null) {
                return done(error(400, "'" + raw + "' is not an APIM resource ID (/subscriptions/<id>/resourceGroups/"
                        + "<group>/providers/Microsoft.ApiManagement/service/<name>)"));
            }
            if (!config.scope().mayManage(id)) {
                return done(error(404, "'" + raw + "' is not in the configured scope (instances.ids or a discovery "
                        + "scope)"));
            }
            return answer(queue.reconcile(id.key(), Trigger.of("api"), force), wait);
        }
        List<InstanceReport> matches = find(name);
        if (matches.size() > 1) {
            return done(error(409,
                    "'" + name + "' is ambiguous: " + matches.stream().map(InstanceReport::instance).toList()));
        }
        if (matches.isEmpty()) {
            return done(error(404, "no instance named '" + name + "' is known; pass its resource ID or run a round"));
        }
        return answer(queue.reconcile(matches.get(0).instance(), Trigger.of("api"), force), wait);
    }

    private List<InstanceReport> find(String name) {
        String n = (name.startsWith("/") || !name.contains("/") ? name : "/" + name).toLowerCase(Locale.ROOT);
        return status.instances().stream().filter(r -> r.instance().equals(n)
                || r.read().id().name().equalsIgnoreCase(name)).toList();
    }

    /** With wait, the response when the work is done (no thread waits for it); without, 202 at once. */
    private static CompletionStage<Response> answer(CompletableFuture<ReconcileReport> f, boolean wait) {
        if (!wait) {
            return done(Response.accepted(Map.of("queued", true)).build());
        }
        return f.orTimeout(10, TimeUnit.MINUTES).thenApply(r -> Response.ok(PassView.of(r)).build());
    }

    private static CompletionStage<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON).build();
    }
}
