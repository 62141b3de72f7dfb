package io.apimdnssync.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    /**
     * A caller with a valid token but without the role the call needs (a reader trying {@code force}, say): one WARN
     * line. Calls without a valid token (401) are not logged one by one: anyone can make them.
     */
    void refused(@Observes AuthorizationFailureEvent e) {
        SecurityIdentity id = e.getSecurityIdentity();
        if (id == null || id.isAnonymous()) {
            return;
        }
        Object c = e.getEventProperties().get(RoutingContext.class.getName());
        String what = c instanceof RoutingContext ctx
                ? ctx.request().method() + " " + ctx.normalizedPath()
                        + (ctx.queryParam("force").contains("true") ? " with force" : "")
                        + " from " + ctx.request().remoteAddress()
                : "a call";
        LOG.warnf("refused %s by %s: the token lacks the role", what, describe(id));
    }

    static String caller(RoutingContext ctx) {
        if (!(ctx.user() instanceof QuarkusHttpUser user)) {
            return "an unauthenticated caller (management interface)";
        }
        return describe(user.getSecurityIdentity());
    }

    private static String describe(SecurityIdentity id) {
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
