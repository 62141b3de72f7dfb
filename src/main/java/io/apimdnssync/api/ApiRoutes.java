package io.apimdnssync.api;

import io.apimdnssync.config.ApiExposure;
import io.apimdnssync.config.SyncConfig;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Mounts the control API where {@code apim-dns-sync.api.exposure} says: on the public router, where the permissions
 * in application.properties require an Entra ID token with the reader role for GETs and the operator role for POSTs
 * (quarkus-oidc validates it); or on the management interface only, unauthenticated. Never both, never open on the
 * public port (ConfigCheck refuses that start).
 */
@ApplicationScoped
class ApiRoutes {
    private static final Logger LOG = Logger.getLogger(ApiRoutes.class);

    private final ControlApi api;
    private final ApiExposure exposure;

    ApiRoutes(ControlApi api, SyncConfig config) {
        this.api = api;
        this.exposure = config.api().exposure();
    }

    void onPublic(@Observes Router router) {
        if (exposure == ApiExposure.AUTHENTICATED) {
            api.register(router);
        }
    }

    void onManagement(@Observes ManagementInterface management) {
        if (exposure == ApiExposure.MANAGEMENT) {
            LOG.info("the control API is served on the management interface without authentication "
                    + "(apim-dns-sync.api.exposure=management): reads from anywhere that reaches the port, actions "
                    + "(POST) only from this host's loopback (kubectl port-forward, kubectl exec)");
            management.router().post(ControlApi.ROOT + "/*").order(-1).handler(ApiRoutes::loopbackOnly);
            api.register(management.router());
        }
    }

    /**
     * Without authentication, an action (a reconcile, a forced one that overrides the delete guard) is taken only
     * from the pod itself: kubectl port-forward and exec arrive on loopback, and need the cluster's RBAC to get there.
     * Prometheus, or any pod that reaches the port through a Service or its IP, cannot act.
     */
    static void loopbackOnly(io.vertx.ext.web.RoutingContext ctx) {
        var from = ctx.request().remoteAddress();
        boolean loopback = from != null && from.hostAddress() != null
                && (from.hostAddress().startsWith("127.") || from.hostAddress().equals("0:0:0:0:0:0:0:1")
                        || from.hostAddress().equals("::1"));
        if (loopback) {
            ctx.next();
        } else {
            LOG.warnf("refused %s %s from %s: without authentication, actions are taken from loopback only",
                    ctx.request().method(), ctx.normalizedPath(), from == null ? "?" : from.hostAddress());
            ctx.response().setStatusCode(403).putHeader("Content-Type", "application/json")
                    .end("{\"error\":\"actions on the unauthenticated management port are taken from loopback "
                            + "only (kubectl port-forward); use api.exposure=authenticated for remote callers\"}");
        }
    }
}
