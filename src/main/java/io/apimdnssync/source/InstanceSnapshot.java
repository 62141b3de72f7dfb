package io.apimdnssync.source;

import io.apimdnssync.arm.ArmId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ARM said of one APIM instance at one moment. IP strings are kept as ARM sent them; {@link #problems()}
 * lists what is wrong with the payload (an invalid VIP, say), in which case nothing is written for the instance;
 * {@link #warnings()} lists parts that were skipped (a host name that is not a DNS name) while the rest goes on.
 */
public record InstanceSnapshot(
        ArmId id,
        String name,
        String sku,
        int capacity,
        String provisioningState,
        String targetProvisioningState,
        String virtualNetworkType,
        Optional<String> platformVersion,
        List<String> zones,
        Map<String, String> tags,
        Optional<String> etag,
        List<LocationSnapshot> locations,
        List<HostName> hostNames,
        List<String> problems,
        List<String> warnings,
        Instant readAt) {

    public ProvisioningPhase phase() {
        return ProvisioningPhase.of(provisioningState);
    }

    public LocationSnapshot primary() {
        return locations.get(0);
    }

    public Optional<LocationSnapshot> location(String name) {
        return locations.stream().filter(l -> l.location().equalsIgnoreCase(name)).findFirst();
    }

    static String vnetOfSubnet(String subnetId) {
        int i = subnetId.toLowerCase(java.util.Locale.ROOT).indexOf("/subnets/");
        return i < 0 ? subnetId : subnetId.substring(0, i);
    }

    /** The VNETs of all locations (each location of an internal instance sits in a subnet of its own VNET). */
    public List<String> vnetIds() {
        return locations.stream().flatMap(l -> l.subnetId().stream()).map(InstanceSnapshot::vnetOfSubnet).distinct()
                .toList();
    }
}
