package io.apimdnssync.reconcile;

import io.apimdnssync.source.ProvisioningPhase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest report per instance and the latest rounds: what the HTTP API and the health checks show. In memory
 * only; dry runs never land here.
 */
@ApplicationScoped
public class StatusStore {
    private final Map<String, InstanceReport> instances = new ConcurrentHashMap<>();
    private final Map<String, Instant> updatingSince = new ConcurrentHashMap<>();
    private final Set<String> leftScope = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ReconcileReport> lastRound = new AtomicReference<>();
    private final AtomicReference<ReconcileReport> lastCompleteRound = new AtomicReference<>();
    private final AtomicLong passes = new AtomicLong();

    /** Numbers rounds and keyed items alike, for logs and reports. */
    long nextPass() {
        return passes.incrementAndGet();
    }

    void record(InstanceReport r) {
        instances.put(r.instance(), r);
        leftScope.remove(r.instance());
        boolean updating = r.read().snapshot().map(s -> s.phase() == ProvisioningPhase.IN_PROGRESS).orElse(false);
        if (updating) {
            updatingSince.putIfAbsent(r.instance(), r.at());
        } else {
            updatingSince.remove(r.instance());
        }
    }

    /** The instance left the configured scope: no longer shown or watched. True the first time (to report once). */
    boolean leftScope(String key) {
        instances.remove(key);
        updatingSince.remove(key);
        return leftScope.add(key);
    }

    void recordRound(ReconcileReport round) {
        lastRound.set(round);
        if (round.complete()) {
            lastCompleteRound.set(round);
        }
    }

    public List<InstanceReport> instances() {
        return instances.values().stream().sorted(Comparator.comparing(InstanceReport::instance)).toList();
    }

    public Optional<InstanceReport> instance(String key) {
        return Optional.ofNullable(instances.get(key));
    }

    /** Instances whose update is in progress now. */
    public int updatesInProgress() {
        return updatingSince.size();
    }

    public Optional<Instant> updatingSince(String key) {
        return Optional.ofNullable(updatingSince.get(key));
    }

    public Optional<ReconcileReport> lastRound() {
        return Optional.ofNullable(lastRound.get());
    }

    public Optional<ReconcileReport> lastCompleteRound() {
        return Optional.ofNullable(lastCompleteRound.get());
    }
}
