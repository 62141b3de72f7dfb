package io.apimdnssync.provider.privatedns;

import com.azure.core.util.Context;
import com.azure.resourcemanager.privatedns.fluent.RecordSetsClient;
import com.azure.resourcemanager.privatedns.fluent.models.RecordSetInner;
import com.azure.resourcemanager.privatedns.fluent.models.VirtualNetworkLinkInner;
import com.azure.resourcemanager.privatedns.models.ARecord;
import com.azure.resourcemanager.privatedns.models.RecordType;
import io.apimdnssync.azure.ArmClients;
import io.apimdnssync.azure.ArmErrors;
import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.Settings;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Azure Private DNS zones through azure-resourcemanager-privatedns; ownership lives in record-set metadata. */
@ApplicationScoped
public class PrivateDnsProvider implements DnsProvider {
    public static final String NAME = "azure-private-dns";

    @Inject
    Settings settings;
    @Inject
    ArmClients clients;

    /** Configured plus discovered zones; replaced whole when discovery runs. */
    private volatile Map<ZoneRef, ArmId> zones;
    private volatile List<ZoneRef> zoneList;
    private volatile Map<ZoneRef, ArmId> discovered = Map.of();

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
        settings.zones().forEach(id -> all.put(ref(id), id));
        all.putAll(found);
        discovered = found;
        zones = Map.copyOf(all);
        zoneList = List.copyOf(all.keySet());
    }

    private static ZoneRef ref(ArmId id) {
        return new ZoneRef(NAME, id.key(), id.name());
    }

    /**
     * Re-lists the zone discovery scopes (one paged call each). A scope that fails keeps the zones it had, so a
     * passing ARM error never makes records look undesired. Returns the errors.
     */
    public List<String> refreshDiscoveredZones() {
        List<String> errors = new ArrayList<>();
        Map<ZoneRef, ArmId> found = new LinkedHashMap<>();
        for (Settings.ZoneScope scope : settings.zoneDiscovery()) {
            String what = "list Private DNS zones in subscription " + scope.subscription()
                    + scope.resourceGroup().map(g -> " resource group " + g).orElse("");
            try {
                var client = clients.privateDns(scope.subscription()).serviceClient().getPrivateZones();
                var pages = scope.resourceGroup().map(client::listByResourceGroup).orElseGet(client::list);
                for (var z : pages) {
                    ArmId.parse(z.id()).ifPresent(id -> found.put(ref(id), id));
                }
            } catch (RuntimeException e) {
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

    public ArmId armId(ZoneRef zone) {
        return Optional.ofNullable(zoneIds().get(zone))
                .orElseThrow(() -> new IllegalArgumentException("not an Azure zone: " + zone));
    }

    @Override
    public List<CurrentRecord> list(ZoneRef zone, java.util.Set<String> names) {
        ArmId id = armId(zone);
        try {
            List<CurrentRecord> out = new ArrayList<>();
            for (RecordSetInner r : recordSets(id).listByType(id.resourceGroup(), id.name(), RecordType.A, null, null,
                    Context.NONE)) {
                out.add(toRecord(zone, r));
            }
            return out;
        } catch (RuntimeException e) {
            throw new ProviderException(ArmErrors.describe("list A record sets of zone " + zone.name(), e), e);
        }
    }

    /** The virtual networks the zone is linked to, lower-cased resource IDs. */
    public List<String> linkedVnets(ZoneRef zone) {
        ArmId id = armId(zone);
        try {
            List<String> out = new ArrayList<>();
            for (VirtualNetworkLinkInner l : clients.privateDns(id.subscription()).serviceClient()
                    .getVirtualNetworkLinks().list(id.resourceGroup(), id.name())) {
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
        List<Change> applied = new ArrayList<>();
        List<Change> stale = new ArrayList<>();
        List<ApplyResult.Failed> failed = new ArrayList<>();
        for (Change c : changes) {
            try {
                switch (c.action()) {
                    case CREATE -> client.createOrUpdateWithResponse(id.resourceGroup(), id.name(), RecordType.A,
                            c.relativeName(), body(c), null, "*", Context.NONE);
                    case UPDATE -> client.createOrUpdateWithResponse(id.resourceGroup(), id.name(), RecordType.A,
                            c.relativeName(), body(c), c.expectedVersion().orElse(null), null, Context.NONE);
                    case DELETE -> client.deleteWithResponse(id.resourceGroup(), id.name(), RecordType.A,
                            c.relativeName(), c.expectedVersion().orElse(null), Context.NONE);
                }
                applied.add(c);
            } catch (RuntimeException e) {
                int status = ArmErrors.status(e);
                if (status == 412 || (status == 404 && c.action() == Change.Action.UPDATE)) {
                    stale.add(c);
                } else if (status == 404 && c.action() == Change.Action.DELETE) {
                    applied.add(c);
                } else {
                    failed.add(new ApplyResult.Failed(c, ArmErrors.describe(c.action() + " " + c.fqdn(), e)));
                }
            }
        }
        return new ApplyResult(applied, stale, failed);
    }

    private RecordSetInner body(Change c) {
        Map<String, String> metadata = new LinkedHashMap<>();
        c.before().flatMap(b -> Optional.ofNullable(b.metadata())).ifPresent(metadata::putAll);
        metadata.keySet().removeIf(k -> k.equalsIgnoreCase(Ownership.MANAGED_BY) || k.equalsIgnoreCase(Ownership.OWNER_ID)
                || k.equalsIgnoreCase(Ownership.INSTANCE));
        metadata.putAll(Ownership.of(settings.ownerId(), c.instance()).toMetadata());
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
