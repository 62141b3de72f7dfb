package io.apimdnssync.api;

import io.apimdnssync.reconcile.InstanceReport;
import io.apimdnssync.reconcile.PassRequest;
import io.apimdnssync.reconcile.Reconciler;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.WorkQueue;
import jakarta.inject.Inject;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Status, plan and on-demand reconcile: {@code /api/v1}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    @Inject
    StatusStore status;
    @Inject
    WorkQueue queue;
    @Inject
    Reconciler reconciler;
    @Inject
    io.apimdnssync.reconcile.StaleWindows staleWindows;
    @Inject
    io.apimdnssync.events.EventStats eventStats;

    /** From an update's completion to its records written: p50, p99 and the latest samples. */
    @GET
    @Path("/stale-windows")
    public io.apimdnssync.reconcile.StaleWindows.Summary staleWindows() {
        return staleWindows.summary();
    }

    /** What the event triggers received and did with it. */
    @GET
    @Path("/events/stats")
    public Map<String, Long> eventStats() {
        return eventStats.snapshot();
    }

    @GET
    @Path("/instances")
    public List<InstanceView.Summary> instances() {
        return status.instances().stream().map(InstanceView::summary).toList();
    }

    @GET
    @Path("/instances/{name}")
    public Response instance(@PathParam("name") String name) {
        List<InstanceReport> matches = find(name);
        if (matches.isEmpty()) {
            return error(404, "no instance named '" + name + "' has been reconciled yet");
        }
        if (matches.size() > 1) {
            return error(409, "'" + name + "' is ambiguous: " + matches.stream().map(InstanceReport::instance).toList());
        }
        InstanceReport r = matches.get(0);
        return Response.ok(InstanceView.of(r, status.updatingSince(r.instance()))).build();
    }

    /** What a full pass would change now; nothing is written. */
    @GET
    @Path("/plan")
    public PassView plan() {
        return PassView.of(reconciler.run(PassRequest.full("plan").asDryRun()));
    }

    @POST
    @Path("/reconcile")
    public Response reconcile(@QueryParam("force") @DefaultValue("false") boolean force,
            @QueryParam("wait") @DefaultValue("true") boolean wait) throws Exception {
        return answer(queue.enqueueFull("api", force), wait);
    }

    @POST
    @Path("/instances/{name}/reconcile")
    public Response reconcileInstance(@PathParam("name") String name,
            @QueryParam("wait") @DefaultValue("true") boolean wait) throws Exception {
        List<InstanceReport> matches = find(name);
        if (matches.size() > 1) {
            return error(409, "'" + name + "' is ambiguous: " + matches.stream().map(InstanceReport::instance).toList());
        }
        String key = matches.isEmpty() ? name : matches.get(0).instance();
        if (!key.startsWith("/subscriptions/")) {
            return error(404, "no instance named '" + name + "' is known; pass its resource ID or run a full reconcile");
        }
        return answer(queue.enqueue(key, "api"), wait);
    }

    private List<InstanceReport> find(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return status.instances().stream().filter(r -> r.instance().equals(n)
                || r.read().id().name().equalsIgnoreCase(name)).toList();
    }

    private static Response answer(CompletableFuture<io.apimdnssync.reconcile.ReconcileReport> f, boolean wait)
            throws Exception {
        if (!wait) {
            return Response.accepted(Map.of("queued", true)).build();
        }
        return Response.ok(PassView.of(f.get(10, TimeUnit.MINUTES))).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON).build();
    }
}
