package io.apimdnssync.events;

import com.azure.messaging.eventgrid.SystemEventNames;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.reconcile.GoneConfirmations;
import io.apimdnssync.reconcile.KnownInstances;
import io.apimdnssync.reconcile.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns decoded events into work: relevant ones enqueue their instance key (events are triggers, never truth);
 * the rest are counted and dropped. Shared by the webhook and the Kafka channel.
 */
@ApplicationScoped
public class EventIngest {
    private static final Logger LOG = Logger.getLogger(EventIngest.class);
    /** The event types that say a resource was deleted (not that a deletion failed or was cancelled). */
    private static final Set<String> CONFIRMS_DELETION = Set.of(SystemEventNames.RESOURCE_DELETE_SUCCESS,
            SystemEventNames.RESOURCE_NOTIFICATIONS_RESOURCE_MANAGEMENT_DELETED);

    private final KnownInstances known;
    private final EventStats stats;
    private final EventFilter filter;
    private final GoneConfirmations gone;

    EventIngest(SyncConfig config, KnownInstances known, EventStats stats, GoneConfirmations gone) {
        this.known = known;
        this.stats = stats;
        this.gone = gone;
        this.filter = new EventFilter(config.scope());
    }

    /**
     * When the event happened, for the stale window: its own time, but never later than its receipt (an event
     * stamped in the future, by a wrong clock or a forged time, would otherwise skew every later sample).
     */
    static Instant eventTime(ArmEvent e, Instant received) {
        return e.time().map(OffsetDateTime::toInstant).filter(at -> !at.isAfter(received)).orElse(received);
    }

    /** What became of one delivery. */
    public record Result(int received, int enqueued, Map<String, Integer> dropped) {
    }

    public Result ingest(List<ArmEvent> events, String via) {
        Map<String, Instant> keys = new LinkedHashMap<>();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        for (ArmEvent e : events) {
            stats.count(via + "-events");
            if (e.kind() == ArmEvent.Kind.SUBSCRIPTION_DELETED) {
                LOG.warnf("Event Grid says its subscription was deleted (event %s, %s): no more events will arrive "
                        + "this way; the resync and the change watch carry on", e.id(), e.resourceId());
                stats.count("subscription-deleted");
                continue;
            }
            if (e.kind() == ArmEvent.Kind.VALIDATION) {
                continue;
            }
            EventFilter.Decision d = filter.decide(e.resourceId());
            if (d.verdict() != EventFilter.Verdict.RELEVANT) {
                dropped.merge(d.verdict().counter(), 1, Integer::sum);
                stats.count(d.verdict().counter());
                continue;
            }
            stats.count("relevant");
            Instant t = eventTime(e, Instant.now());
            if (CONFIRMS_DELETION.contains(e.type())) {
                gone.deleteEvent(d.instance().orElseThrow(), t);
            }
            keys.merge(d.instance().orElseThrow().key(), t, (a, b) -> a.isAfter(b) ? a : b);
        }
        keys.forEach((key, time) -> known.reconcile(key, Trigger.event(via, time), false));
        stats.count("enqueued", keys.size());
        return new Result(events.size(), keys.size(), dropped);
    }
}
