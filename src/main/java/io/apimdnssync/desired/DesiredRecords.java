package io.apimdnssync.desired;

import io.apimdnssync.config.NonInternalRecords;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.source.Endpoint;
import io.apimdnssync.source.HostName;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.LocationSnapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Snapshot + configuration → the records that should exist (DESIGN.md semantics 2 and 3). Pure. */
public final class DesiredRecords {
    private DesiredRecords() {
    }

    /** Which endpoints' names are published, and what a non-internal instance gets. */
    public record Options(Set<Endpoint> endpoints, NonInternalRecords nonInternal) {
        public Options {
            endpoints = Set.copyOf(endpoints);
        }

        public static Options from(SyncConfig c) {
            SyncConfig.Endpoints e = c.endpoints();
            Set<Endpoint> on = EnumSet.noneOf(Endpoint.class);
            Map.of(Endpoint.GATEWAY, e.gateway(), Endpoint.PORTAL, e.portal(), Endpoint.DEVELOPER_PORTAL,
                    e.developerPortal(), Endpoint.MANAGEMENT, e.management(), Endpoint.SCM, e.scm(),
                    Endpoint.REGIONAL_GATEWAY, e.regionalGateways(), Endpoint.CUSTOM, e.customHostnames())
                    .forEach((endpoint, published) -> {
                        if (published) {
                            on.add(endpoint);
                        }
                    });
            return new Options(on, c.nonInternalRecords());
        }

        /** Every endpoint published. */
        public static Options all(NonInternalRecords nonInternal) {
            return new Options(EnumSet.allOf(Endpoint.class), nonInternal);
        }
    }

    public static InstanceDesire compute(InstanceSnapshot s, Options options) {
        switch (s.phase()) {
            case IN_PROGRESS:
                return InstanceDesire.hold(s.id(), "update in progress (provisioningState " + s.provisioningState()
                        + "): records are left as they are until it ends");
            case FAILED:
                return InstanceDesire.hold(s.id(), "last update ended '" + s.provisioningState()
                        + "': records are left as they are");
            case UNKNOWN:
                return InstanceDesire.hold(s.id(), "unknown provisioningState '" + s.provisioningState()
                        + "': records are left as they are");
            case SUCCEEDED:
            default:
                break;
        }
        if (!s.problems().isEmpty()) {
            return InstanceDesire.hold(s.id(),
                    "invalid ARM payload, nothing written: " + String.join("; ", s.problems()));
        }
        String vnetType = s.virtualNetworkType().toLowerCase(Locale.ROOT);
        boolean internal;
        switch (vnetType) {
            case "internal" -> internal = true;
            case "external", "none", "" -> internal = false;
            default -> {
                return InstanceDesire.hold(s.id(), "unknown virtualNetworkType '" + s.virtualNetworkType()
                        + "': records are left as they are");
            }
        }
        if (!internal && options.nonInternal() == NonInternalRecords.REMOVE) {
            return InstanceDesire.publish(s.id(), List.of(),
                    "virtualNetworkType " + s.virtualNetworkType() + " and non-internal-records=remove");
        }
        List<DesiredRecord> records = new ArrayList<>();
        for (HostName h : s.hostNames()) {
            if (!options.endpoints().contains(h.endpoint())) {
                continue;
            }
            LocationSnapshot loc = h.endpoint() == Endpoint.REGIONAL_GATEWAY
                    ? s.location(h.location()).orElse(s.primary())
                    : s.primary();
            List<String> ips = internal ? loc.privateIps() : loc.publicIps();
            if (ips.isEmpty()) {
                return InstanceDesire.hold(s.id(), "location '" + loc.location() + "' has no "
                        + (internal ? "privateIPAddresses" : "publicIPAddresses") + " for " + h.name()
                        + ": records are left as they are");
            }
            records.add(new DesiredRecord(h.name(), ips, h.endpoint()));
        }
        return InstanceDesire.publish(s.id(), records, internal ? "Internal: private VIPs"
                : "virtualNetworkType " + s.virtualNetworkType() + ": public VIPs");
    }
}
