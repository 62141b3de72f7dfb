package io.apimdnssync.provider.privatedns;

import com.azure.core.util.Context;
import com.azure.resourcemanager.privatedns.fluent.RecordSetsClient;
import com.azure.resourcemanager.privatedns.fluent.models.PrivateZoneInner;
import com.azure.resourcemanager.privatedns.fluent.models.RecordSetInner;
import com.azure.resourcemanager.privatedns.fluent.models.VirtualNetworkLinkInner;
import com.azure.resourcemanager.privatedns.models.ARecord;
import com.azure.resourcemanager.privatedns.models.RecordType;
import io.apimdnssync.arm.ArmId;
import io.apimdnssync.arm.Priority;
import io.apimdnssync.azure.ArmClients;
import io.apimdnssync.azure.ArmContext;
import io.apimdnssync.azure.ArmErrors;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.Parallel;
import io.apimdnssync.provider.ProviderException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Azure Private DNS zones through azure-resourcemanager-privatedns; ownership lives in record-set metadata. One paged
 * list per zone; writes carry If-None-Match / If-Match and run with bounded parallelism within a zone.
 */
@ApplicationScoped
public class PrivateDnsProvider implements DnsProvider {
    public static final String NAME = "azure-private-dns";

    private final SyncConfig config;
    private final ArmClients clients;
    /** Writes within one zone, {@code concurrency} at a time; a pool of their own (see {@link Parallel}). */
    private final ManagedExecutor writePool;
    private final Parallel writes;

    /** Configured plus discovered zones; replaced whole when discovery runs. */
    private volatile Map<ZoneRef, ArmId> zones;
    private volatile List<ZoneRef> zoneList;
    private volatile Map<ZoneRef, ArmId> discovered = Map.of();

    PrivateDnsProvider(SyncConfig config, ArmClients clients) {
        this.config = config;
        this.clients = clients;
        this.writePool = Parallel.pool(config.reconcile().workers() * config.reconcile().concurrency());
        this.writes = new Parallel(writePool, config.reconcile().concurrency());
    }

    @PreDestroy
    void stop() {
        writePool.shutdownNow();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ZoneRef> zones() {
        zoneIds();
        return zoneList;
    }

    private Map<ZoneRef, ArmId> zoneIds() {
        if (zones == null) {
            publish(Map.of());
        }
        return zones;
    }

    private synchronized void publish(Map<ZoneRef, ArmId> found) {
        Map<ZoneRef, ArmId> all = new LinkedHashMap<>();
        config.privateDnsZones().orElse(List.of()).forEach(id -> all.put(ref(id), id));
        all.putAll(found);
        discovered = found;
        zones = Map.copyOf(all);
        zoneList = List.copyOf(all.keySet());
    }

    private static ZoneRef ref(ArmId id) {
        return new ZoneRef(NAME, id.key(), id.name());
    }

    @Override
    public synchronized List<String> refreshZones(Priority priority) {
        if (config.privateDnsZoneDiscovery().isEmpty()) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        Map<ZoneRef, ArmId> found = new LinkedHashMap<>();
        for (SyncConfig.ZoneDiscovery scope : config.privateDnsZoneDiscovery()) {
            String what = "list Private DNS zones in subscription " + scope.subscription()
                    + scope.resourceGroup().map(g -> " resource group " + g).orElse("");
            try {
                var client = clients.privateDns(scope.subscription()).serviceClient().getPrivateZones();
                Context context = ArmContext.of(priority);
                Iterable<PrivateZoneInner> pages = scope.resourceGroup()
                        .<Iterable<PrivateZoneInner>>map(g -> client.listByResourceGroup(g, null, context))
                        .orElseGet(() -> client.list(null, context));
                for (PrivateZoneInner z : pages) {
                    ArmId.parse(z.id()).ifPresent(id -> found.put(ref(id), id));
                }
            } catch (RuntimeException e) {
                // A scope that cannot be listed keeps its zones: a passing ARM error never makes records look
                // undesired.
                errors.add(ArmErrors.describe(what, e));
                discovered.forEach((ref, id) -> {
                    if (id.subscription().equalsIgnoreCase(scope.subscription()) && scope.resourceGroup()
                            .map(g -> g.equalsIgnoreCase(id.resourceGroup())).orElse(true)) {
                        found.put(ref, id);
                    }
                });
            }
        }
        publish(found);
        return errors;
    }

    private ArmId armId(ZoneRef zone) {
        return Optional.ofNullable(zoneIds().get(zone))
                .orElseThrow(() -> new IllegalArgumentException("not an Azure zone: " + zone));
    }

    @Override
    public List<CurrentRecord> list(ZoneRef zone, Set<String> names, Priority priority) {
        ArmId id = armId(zone);
        try {
            List<CurrentRecord> out = new ArrayList<>();
            for (RecordSetInner r : recordSets(id).listByType(id.resourceGroup(), id.name(), RecordType.A, null, null,
                    ArmContext.of(priority))) {
                out.add(toRecord(zone, r));
            }
            return out;
        } catch (RuntimeException e) {
            throw new ProviderException(ArmErrors.describe("list A record sets of zone " + zone.name(), e), e);
        }
    }

    @Override
    public boolean linksZonesToNetworks() {
        return true;
    }

    @Override
    public List<String> linkedNetworks(ZoneRef zone, Priority priority) {
        ArmId id = armId(zone);
        try {
            List<String> out = new ArrayList<>();
            for (VirtualNetworkLinkInner l : clients.privateDns(id.subscription()).serviceClient()
                    .getVirtualNetworkLinks().list(id.resourceGroup(), id.name(), null, ArmContext.of(priority))) {
                if (l.virtualNetwork() != null && l.virtualNetwork().id() != null) {
                    out.add(l.virtualNetwork().id().toLowerCase(Locale.ROOT));
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw new ProviderException(ArmErrors.describe("list virtual network links of zone " + zone.name(), e), e);
        }
    }

    @Override
    public ApplyResult apply(ZoneRef zone, List<Change> changes) {
        ArmId id = armId(zone);
        RecordSetsClient client = recordSets(id);
        return writes.map(changes, c -> write(client, id, c)).stream().reduce(ApplyResult.empty(), ApplyResult::plus);
    }

    private ApplyResult write(RecordSetsClient client, ArmId id, Change c) {
        if (c.action() != Change.Action.CREATE && c.expectedVersion().isEmpty()) {
            // Never an unconditional write: without the ETag it was planned on, re-read and re-plan.
            return ApplyResult.stale(c);
        }
        try {
            switch (c.action()) {
                case CREATE -> client.createOrUpdateWithResponse(id.resourceGroup(), id.name(), RecordType.A,
                        c.relativeName(), body(c), null, "*", Context.NONE);
                case UPDATE -> client.createOrUpdateWithResponse(id.resourceGroup(), id.name(), RecordType.A,
                        c.relativeName(), body(c), c.expectedVersion().orElseThrow(), null, Context.NONE);
                case DELETE -> client.deleteWithResponse(id.resourceGroup(), id.name(), RecordType.A,
                        c.relativeName(), c.expectedVersion().orElseThrow(), Context.NONE);
            }
            return ApplyResult.applied(c);
        } catch (RuntimeException e) {
            int status = ArmErrors.status(e);
            if (status == 412 || (status == 404 && c.action() == Change.Action.UPDATE)) {
                return ApplyResult.stale(c);
            }
            if (status == 404 && c.action() == Change.Action.DELETE) {
                return ApplyResult.applied(c);
            }
            return ApplyResult.failed(c, ArmErrors.describe(c.action() + " " + c.fqdn(), e));
        }
    }

    private RecordSetInner body(Change c) {
        Map<String, String> metadata = new LinkedHashMap<>();
        c.before().flatMap(b -> Optional.ofNullable(b.metadata())).ifPresent(metadata::putAll);
        metadata.keySet()
                .removeIf(k -> k.equalsIgnoreCase(Ownership.MANAGED_BY) || k.equalsIgnoreCase(Ownership.OWNER_ID)
                        || k.equalsIgnoreCase(Ownership.INSTANCE));
        metadata.putAll(Ownership.of(config.ownerId(), c.instance()).toMetadata());
        return new RecordSetInner().withTtl(c.ttl()).withMetadata(metadata)
                .withARecords(c.ips().stream().map(ip -> new ARecord().withIpv4Address(ip)).toList());
    }

    private RecordSetsClient recordSets(ArmId zone) {
        return clients.privateDns(zone.subscription()).serviceClient().getRecordSets();
    }

    static CurrentRecord toRecord(ZoneRef zone, RecordSetInner r) {
        List<String> ips = r.aRecords() == null ? List.of()
                : r.aRecords().stream().map(ARecord::ipv4Address).filter(ip -> ip != null).toList();
        Map<String, String> metadata = r.metadata() == null ? Map.of() : r.metadata();
        return new CurrentRecord(zone, r.name(), ips, r.ttl() == null ? 0 : r.ttl(), Optional.ofNullable(r.etag()),
                Ownership.fromMetadata(metadata), metadata);
    }
}
