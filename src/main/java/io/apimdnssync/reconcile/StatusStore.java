package io.apimdnssync.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The latest report per instance and per pass; what the HTTP API and health checks show. In memory only. */
@ApplicationScoped
public class StatusStore {
    private final Map<String, InstanceReport> instances = new ConcurrentHashMap<>();
    private final Map<String, Instant> updatingSince = new ConcurrentHashMap<>();
    private final AtomicReference<ReconcileReport> lastFullPass = new AtomicReference<>();

    public void record(ReconcileReport report) {
        if (report.dryRun()) {
            return;
        }
        for (InstanceReport r : report.instances()) {
            instances.put(r.instance(), r);
            boolean updating = r.read().snapshot().map(s -> s.phase() == io.apimdnssync.source.ProvisioningPhase.IN_PROGRESS)
                    .orElse(false);
            if (updating) {
                updatingSince.putIfAbsent(r.instance(), r.at());
            } else {
                updatingSince.remove(r.instance());
            }
        }
        if (report.full()) {
            lastFullPass.set(report);
        }
    }

    public List<InstanceReport> instances() {
        return instances.values().stream().sorted(Comparator.comparing(InstanceReport::instance)).toList();
    }

    public Optional<InstanceReport> instance(String key) {
        return Optional.ofNullable(instances.get(key));
    }

    public Optional<Instant> updatingSince(String key) {
        return Optional.ofNullable(updatingSince.get(key));
    }

    public Optional<ReconcileReport> lastFullPass() {
        return Optional.ofNullable(lastFullPass.get());
    }
}
