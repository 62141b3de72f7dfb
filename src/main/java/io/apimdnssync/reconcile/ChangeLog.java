package io.apimdnssync.reconcile;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ChangeReason;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The audit trail of DNS changes: one line per change made, with instance, target, zone, name, old, new and reason —
 * in the message for plain logs, and as MDC fields ({@code change.*}) that the JSON log format of the prod profile
 * writes as fields of their own.
 */
final class ChangeLog {
    private static final Logger LOG = Logger.getLogger("io.apimdnssync.changes");

    private ChangeLog() {
    }

    static void made(Change c, ChangeReason reason) {
        String instance = c.instance().substring(c.instance().lastIndexOf('/') + 1);
        String old = c.before().map(b -> String.join(",", b.ips())).orElse("");
        String now = c.action() == Change.Action.DELETE ? "" : String.join(",", c.ips());
        MDC.put("change.action", c.action().name().toLowerCase(java.util.Locale.ROOT));
        MDC.put("change.instance", c.instance());
        MDC.put("change.target", c.zone().provider());
        MDC.put("change.zone", c.zone().name());
        MDC.put("change.name", c.fqdn());
        MDC.put("change.old", old);
        MDC.put("change.new", now);
        MDC.put("change.reason", reason.wireName());
        try {
            LOG.infof("%s in zone %s on %s (instance %s, %s)", c, c.zone().name(), c.zone().provider(), instance,
                    reason.wireName());
        } finally {
            for (String k : new String[] {"action", "instance", "target", "zone", "name", "old", "new", "reason"}) {
                MDC.remove("change." + k);
            }
        }
    }
}
