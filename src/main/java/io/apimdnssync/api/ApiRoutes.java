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
                    + "(apim-dns-sync.api.exposure=management): keep that port off the Service and Ingress");
            api.register(management.router());
        }
    }
}
