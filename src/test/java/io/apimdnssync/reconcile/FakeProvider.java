package io.apimdnssync.reconcile;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-memory provider for unit tests of the reconcile collaborators: versions like ETags, If-None-Match / If-Match
 * semantics (a precondition that does not hold makes the change stale), zones that fail to read, writes that fail,
 * and a hook that changes a record "between our read and our write". The real providers are tested against the ARM
 * sandbox and a real BIND.
 */
final class FakeProvider implements DnsProvider {
    static final String OWNER = "test-owner";

    private final String name;
    private final boolean wholeZones;
    final Map<ZoneRef, Map<String, CurrentRecord>> zones = new LinkedHashMap<>();
    final Map<ZoneRef, AtomicInteger> lists = new LinkedHashMap<>();
    final List<Set<String>> namesAsked = new ArrayList<>();
    final List<Change> writes = new ArrayList<>();
    final Set<ZoneRef> unreadable = new java.util.HashSet<>();
    final Set<String> failingNames = new java.util.HashSet<>();
    Consumer<Change> beforeWrite = c -> {
    };
    private int version;

    FakeProvider(String name, boolean wholeZones) {
        this.name = name;
        this.wholeZones = wholeZones;
    }

    ZoneRef zone(String zoneName) {
        ZoneRef z = new ZoneRef(name, name + "|" + zoneName, zoneName);
        zones.computeIfAbsent(z, k -> new LinkedHashMap<>());
        lists.computeIfAbsent(z, k -> new AtomicInteger());
        return z;
    }

    /** Puts a record as someone would: {@code owner} empty for a foreign one. */
    synchronized CurrentRecord put(ZoneRef z, String rel, List<String> ips, Optional<String> ownerInstance) {
        Optional<Ownership> o = ownerInstance.map(i -> Ownership.of(OWNER, i));
        CurrentRecord r = new CurrentRecord(z, rel, ips, 300, Optional.of("v" + (++version)), o,
                o.map(Ownership::toMetadata).orElse(Map.of()));
        zones.get(z).put(rel, r);
        return r;
    }

    synchronized List<String> ips(ZoneRef z, String rel) {
        return Optional.ofNullable(zones.get(z).get(rel)).map(CurrentRecord::ips).orElse(List.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ZoneRef> zones() {
        return List.copyOf(zones.keySet());
    }

    @Override
    public boolean listsWholeZones() {
        return wholeZones;
    }

    @Override
    public synchronized List<CurrentRecord> list(ZoneRef zone, Set<String> names, Priority priority) {
        lists.get(zone).incrementAndGet();
        namesAsked.add(Set.copyOf(names));
        if (unreadable.contains(zone)) {
            throw new ProviderException("list A record sets of zone " + zone.name() + " failed: HTTP 503", null);
        }
        return zones.get(zone).values().stream().filter(r -> wholeZones || names.contains(r.relativeName()))
                .toList();
    }

    @Override
    public ApplyResult apply(ZoneRef zone, List<Change> changes) {
        ApplyResult out = ApplyResult.empty();
        for (Change c : changes) {
            beforeWrite.accept(c);
            out = out.plus(write(zone, c));
        }
        return out;
    }

    private synchronized ApplyResult write(ZoneRef zone, Change c) {
        writes.add(c);
        if (failingNames.contains(c.relativeName())) {
            return ApplyResult.failed(c, c.action() + " " + c.fqdn() + " failed: HTTP 500 InternalServerError");
        }
        CurrentRecord now = zones.get(zone).get(c.relativeName());
        Optional<String> version = Optional.ofNullable(now).flatMap(CurrentRecord::version);
        boolean holds = c.action() == Change.Action.CREATE ? now == null
                : version.isPresent() && version.equals(c.expectedVersion());
        if (!holds) {
            return ApplyResult.stale(c);
        }
        if (c.action() == Change.Action.DELETE) {
            zones.get(zone).remove(c.relativeName());
        } else {
            put(zone, c.relativeName(), c.ips(), Optional.of(c.instance()));
        }
        return ApplyResult.applied(c);
    }
}
