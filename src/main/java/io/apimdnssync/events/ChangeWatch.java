package io.apimdnssync.events;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Settings;
import io.apimdnssync.config.Settings.DiscoveryScope;
import io.apimdnssync.reconcile.StatusStore;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.source.ApimSource;
import io.apimdnssync.source.InstanceRead;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.SourceException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * ARM events can arrive late or not at all. The watch lists the instances cheaply — one paged list per discovery
 * scope or resource group, no zone reads — and enqueues any instance whose provisioning state, mode, VIPs or host
 * names differ from its last reconciled snapshot.
 */
@ApplicationScoped
public class ChangeWatch {
    private static final Logger LOG = Logger.getLogger(ChangeWatch.class);

    @Inject
    EventsConfig config;
    @Inject
    Settings settings;
    @Inject
    ApimSource source;
    @Inject
    StatusStore status;
    @Inject
    WorkQueue queue;
    @Inject
    EventStats stats;

    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent e) {
        if (!config.watch().enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "change-watch");
            t.setDaemon(true);
            return t;
        });
        long every = config.watch().interval().toMillis();
        timer.scheduleWithFixedDelay(this::safeCheck, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void safeCheck() {
        try {
            check();
        } catch (RuntimeException ex) {
            LOG.warn("change watch failed; the next round or the resync will catch up", ex);
        }
    }

    /** One round: returns the keys it enqueued. */
    public Set<String> check() {
        stats.count("watch-rounds");
        Map<String, InstanceSnapshot> seen = new LinkedHashMap<>();
        Set<String> failedScopes = new HashSet<>();
        for (DiscoveryScope scope : scopes()) {
            try {
                for (InstanceRead r : source.discover(scope)) {
                    r.snapshot().ifPresent(s -> seen.put(s.id().key(), s));
                }
            } catch (SourceException ex) {
                failedScopes.add(scope.subscription().toLowerCase() + "/" + scope.resourceGroup().orElse(""));
                LOG.debugf("watch: %s", ex.getMessage());
            }
        }
        Set<String> changed = new HashSet<>();
        seen.forEach((key, s) -> {
            if (!settings.manages(s.id(), s.tags())) {
                return;
            }
            Optional<InstanceSnapshot> last = status.instance(key).flatMap(r -> r.read().snapshot());
            if (last.isEmpty() || !fingerprint(last.get()).equals(fingerprint(s))) {
                changed.add(key);
            }
        });
        if (failedScopes.isEmpty()) {
            status.instances().stream().filter(r -> r.read().snapshot().isPresent())
                    .map(r -> r.instance()).filter(k -> !seen.containsKey(k)).forEach(changed::add);
        }
        changed.forEach(k -> queue.enqueue(k, "watch"));
        stats.count("watch-triggers", changed.size());
        return changed;
    }

    /** Discovery scopes, plus one resource-group list for each group holding explicitly configured instances. */
    List<DiscoveryScope> scopes() {
        Map<String, DiscoveryScope> out = new LinkedHashMap<>();
        settings.discovery().forEach(d -> out.put(d.subscription() + "/" + d.resourceGroup().orElse(""), d));
        for (ArmId id : settings.instanceIds()) {
            boolean covered = settings.discovery().stream().anyMatch(d -> d.covers(id));
            if (!covered) {
                out.putIfAbsent(id.subscription() + "/" + id.resourceGroup(),
                        new DiscoveryScope(id.subscription(), Optional.of(id.resourceGroup()), Map.of()));
            }
        }
        return List.copyOf(out.values());
    }

    /** What decides the records: state, mode, per-location VIPs, host names. */
    static String fingerprint(InstanceSnapshot s) {
        StringBuilder b = new StringBuilder(s.provisioningState()).append('|').append(s.virtualNetworkType());
        s.locations().forEach(l -> b.append('|').append(l.location()).append(l.privateIps()).append(l.publicIps()));
        s.hostNames().forEach(h -> b.append('|').append(h.name()));
        return b.toString();
    }
}
