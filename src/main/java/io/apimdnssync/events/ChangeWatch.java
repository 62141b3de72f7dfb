package io.apimdnssync.events;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.DiscoveryScope;
import io.apimdnssync.config.ScheduleSwitch;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.reconcile.Leadership;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.SourceException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * ARM events can arrive late or not at all. The watch lists the instances cheaply — one paged list per discovery
 * scope or resource group, no zone reads — and enqueues any instance whose provisioning state, mode, VIPs or host
 * names differ from its last reconciled snapshot. An instance that left the scope is no longer in the status, so the
 * watch forgets it too.
 */
@ApplicationScoped
public class ChangeWatch {
    private static final Logger LOG = Logger.getLogger(ChangeWatch.class);

    private final SyncConfig config;
    private final ApimSource source;
    private final StatusStore status;
    private final WorkQueue queue;
    private final EventStats stats;
    private final Leadership leadership;

    ChangeWatch(SyncConfig config, ApimSource source, StatusStore status, WorkQueue queue, EventStats stats,
            Leadership leadership) {
        this.leadership = leadership;
        this.config = config;
        this.source = source;
        this.status = status;
        this.queue = queue;
        this.stats = stats;
    }

    @Scheduled(identity = ScheduleSwitch.CHANGE_WATCH, every = "${apim-dns-sync.events.watch.interval}",
            delayed = "${apim-dns-sync.events.watch.interval}", skipExecutionIf = ScheduleSwitch.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (!leadership.leading()) {
            return; // a follower's list would spend the leader's ARM read budget for nothing
        }
        try {
            check();
        } catch (RuntimeException ex) {
            LOG.warnf("change watch round failed; the next round or the resync will catch up: %s", ex.toString());
        }
    }

    /** One round: returns the keys it enqueued. */
    public Set<String> check() {
        stats.count("watch-rounds");
        Map<String, InstanceSnapshot> seen = new LinkedHashMap<>();
        Set<String> failedScopes = new HashSet<>();
        for (DiscoveryScope scope : config.scope().listScopes()) {
            try {
                for (InstanceRead r : source.discover(scope, Priority.KEYED)) {
                    r.snapshot().ifPresent(s -> seen.put(s.id().key(), s));
                }
            } catch (SourceException ex) {
                failedScopes.add(scope.describe());
                LOG.warnf("change watch: %s", ex.getMessage());
            }
        }
        Set<String> changed = new HashSet<>();
        seen.forEach((key, s) -> {
            if (!config.scope().manages(s.id(), s.tags())) {
                return;
            }
            Optional<InstanceSnapshot> last = status.instance(key).flatMap(r -> r.read().snapshot());
            if (last.isEmpty() || !fingerprint(last.get()).equals(fingerprint(s))) {
                changed.add(key);
            }
        });
        if (failedScopes.isEmpty()) {
            // Gone from the lists (deleted, or no longer matching the tag selector): a keyed item finds out which.
            status.instances().stream().filter(r -> r.read().snapshot().isPresent())
                    .map(r -> r.instance()).filter(k -> !seen.containsKey(k)).forEach(changed::add);
        }
        changed.forEach(k -> queue.reconcile(k, Trigger.of("watch"), false));
        stats.count("watch-triggers", changed.size());
        return changed;
    }

    /** What decides the records: state, mode, per-location VIPs, host names. */
    static String fingerprint(InstanceSnapshot s) {
        StringBuilder b = new StringBuilder(s.provisioningState()).append('|').append(s.virtualNetworkType());
        s.locations().forEach(l -> b.append('|').append(l.location()).append(l.privateIps()).append(l.publicIps()));
        s.hostNames().forEach(h -> b.append('|').append(h.name()));
        return b.toString();
    }
}
