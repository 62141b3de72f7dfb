package io.apimdnssync.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The audit log (category {@code io.apimdnssync.audit}): one line per control call that changes something — who
 * (the token's name, object ID, application and roles; never the token), from where, what, and whether {@code force}
 * overrode the guard (WARN).
 */
@ApplicationScoped
class Audit {
    private static final Logger LOG = Logger.getLogger("io.apimdnssync.audit");

    void record(RoutingContext ctx, String action, boolean force) {
        String line = action + (force ? " with force (the delete guard is overridden)" : "") + " by " + caller(ctx)
                + " from " + ctx.request().remoteAddress();
        if (force) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }

    static String caller(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return "an unauthenticated caller (management interface)";
        }
        SecurityIdentity id = user.getSecurityIdentity();
        if (id.isAnonymous()) {
            return "an anonymous caller";
        }
        List<String> parts = new ArrayList<>();
        parts.add(id.getPrincipal().getName());
        if (id.getPrincipal() instanceof JsonWebToken jwt) {
            for (String claim : List.of("oid", "azp", "appid")) {
                Object v = jwt.getClaim(claim);
                if (v != null) {
                    parts.add(claim + "=" + v);
                }
            }
        }
        parts.add("roles=" + new TreeSet<>(id.getRoles()));
        return String.join(" ", parts);
    }
}
