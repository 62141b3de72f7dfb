package io.apimdnssync.drift;

import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ChangeReason;
import io.apimdnssync.reconcile.RecordsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Record changes for the sinks that take them (Event Grid): one {@code RecordsChanged} per work item that changed
 * records, and a {@code VipChanged} when some of them followed a VIP.
 */
@ApplicationScoped
class ChangeAlerts {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ChangeAlerts.class);
    private final AlertOutbox outbox;

    ChangeAlerts(AlertOutbox outbox) {
        this.outbox = outbox;
    }

    void onChanged(@Observes RecordsChanged changed) {
        try {
            send(changed);
        } catch (RuntimeException e) {
            LOG.errorf(e, "record-change alerts for %s could not be queued", changed.instance());
        }
    }

    private void send(RecordsChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instance", changed.instance());
        data.put("changes", changed.changes().stream().map(ChangeAlerts::describe).toList());
        outbox.send(Alert.of(Alert.RECORDS_CHANGED, changed.instance(), data));
        List<RecordsChanged.Made> vip = changed.changes().stream()
                .filter(m -> m.reason() == ChangeReason.VIP_CHANGE).toList();
        if (!vip.isEmpty()) {
            TreeSet<String> before = new TreeSet<>();
            TreeSet<String> after = new TreeSet<>();
            vip.forEach(m -> {
                m.change().before().ifPresent(b -> before.addAll(b.ips()));
                after.addAll(m.change().ips());
            });
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("instance", changed.instance());
            v.put("oldAddresses", List.copyOf(before));
            v.put("newAddresses", List.copyOf(after));
            v.put("names", vip.stream().map(m -> m.change().fqdn()).distinct().toList());
            outbox.send(Alert.of(Alert.VIP_CHANGED, changed.instance(), v));
        }
    }

    private static Map<String, Object> describe(RecordsChanged.Made m) {
        Change c = m.change();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("action", c.action().name().toLowerCase(Locale.ROOT));
        d.put("target", c.zone().provider());
        d.put("zone", c.zone().name());
        d.put("name", c.fqdn());
        d.put("old", c.before().map(b -> b.ips()).orElse(List.of()));
        d.put("new", c.action() == Change.Action.DELETE ? List.of() : c.ips());
        d.put("reason", m.reason().wireName());
        return d;
    }
}
