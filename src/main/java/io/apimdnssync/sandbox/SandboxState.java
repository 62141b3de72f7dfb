package io.apimdnssync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apimdnssync.arm.ArmId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The emulator's world: APIM services kept as the JSON ARM returns, Private DNS zones with their links and A record
 * sets. Every method is synchronized on the state; callers never see a half-applied change.
 */
public final class SandboxState {

    /** An A record set: its JSON properties (ttl, metadata, aRecords) and its etag. */
    static final class RecordSet {
        final String name;
        ObjectNode properties;
        String etag;

        RecordSet(String name, ObjectNode properties) {
            this.name = name;
            this.properties = properties;
            this.etag = UUID.randomUUID().toString();
        }
    }

    static final class Zone {
        final ArmId id;
        final String etag = UUID.randomUUID().toString();
        final List<String> links = new ArrayList<>();
        final TreeMap<String, RecordSet> records = new TreeMap<>();

        Zone(ArmId id) {
            this.id = id;
        }
    }

    private final Map<String, ObjectNode> services = new LinkedHashMap<>();
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    /** The subscriptions that exist: every one a service or zone was ever put in (they do not vanish with them). */
    private final java.util.Set<String> subscriptions = new java.util.HashSet<>();

    synchronized void load(JsonNode seed) {
        services.clear();
        zones.clear();
        subscriptions.clear();
        for (JsonNode s : seed.path("services")) {
            putService((ObjectNode) s.deepCopy());
        }
        for (JsonNode z : seed.path("zones")) {
            putZone(z);
        }
    }

    synchronized void putService(ObjectNode service) {
        ArmId id = ArmId.parse(service.path("id").asText())
                .orElseThrow(() -> new IllegalArgumentException("service without a valid id"));
        services.put(id.key(), service);
        subscriptions.add(id.subscription().toLowerCase(Locale.ROOT));
    }

    /** Whether the subscription exists (ARM answers 404 SubscriptionNotFound for one that does not). */
    synchronized boolean subscriptionExists(String subscription) {
        return subscriptions.contains(subscription.toLowerCase(Locale.ROOT));
    }

    synchronized Optional<ObjectNode> service(String key) {
        return Optional.ofNullable(services.get(key.toLowerCase(Locale.ROOT))).map(ObjectNode::deepCopy);
    }

    public synchronized Optional<ObjectNode> serviceByName(String name) {
        return services.values().stream().filter(s -> s.path("name").asText().equalsIgnoreCase(name)).findFirst()
                .map(ObjectNode::deepCopy);
    }

    synchronized boolean removeService(String key) {
        return services.remove(key.toLowerCase(Locale.ROOT)) != null;
    }

    synchronized List<ObjectNode> services(String subscription, Optional<String> resourceGroup) {
        return services.values().stream().filter(s -> ArmId.parse(s.path("id").asText())
                .filter(id -> id.subscription().equalsIgnoreCase(subscription)
                        && resourceGroup.map(g -> g.equalsIgnoreCase(id.resourceGroup())).orElse(true))
                .isPresent()).map(ObjectNode::deepCopy).toList();
    }

    /** Applies a mutation to a service's JSON atomically. */
    synchronized Optional<ObjectNode> updateService(String key, Consumer<ObjectNode> change) {
        ObjectNode s = services.get(key.toLowerCase(Locale.ROOT));
        if (s == null) {
            return Optional.empty();
        }
        change.accept(s);
        s.put("etag", etagOf(UUID.randomUUID()));
        return Optional.of(s.deepCopy());
    }

    synchronized void putZone(JsonNode z) {
        ArmId id = ArmId.parse(z.path("id").asText())
                .orElseThrow(() -> new IllegalArgumentException("zone without a valid id"));
        Zone zone = new Zone(id);
        subscriptions.add(id.subscription().toLowerCase(Locale.ROOT));
        z.path("links").forEach(l -> zone.links.add(l.asText()));
        for (JsonNode r : z.path("records")) {
            ObjectNode props = JsonNodeFactory.instance.objectNode();
            props.set("metadata",
                    r.has("metadata") ? r.get("metadata").deepCopy() : JsonNodeFactory.instance.objectNode());
            props.put("ttl", r.path("ttl").asLong(3600));
            ArrayNode a = props.putArray("aRecords");
            r.path("ips").forEach(ip -> a.addObject().put("ipv4Address", ip.asText()));
            String name = r.path("name").asText().toLowerCase(Locale.ROOT);
            zone.records.put(name, new RecordSet(name, props));
        }
        zones.put(id.key(), zone);
    }

    synchronized Optional<Zone> zone(String key) {
        return Optional.ofNullable(zones.get(key.toLowerCase(Locale.ROOT)));
    }

    public synchronized Optional<Zone> zoneByName(String name) {
        return zones.values().stream().filter(z -> z.id.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The IPs of one record set in the zone of that name, as strings; empty when there is none. */
    public synchronized List<String> ips(String zone, String name) {
        return zoneByName(zone).map(z -> z.records.get(name)).map(r -> {
            List<String> ips = new ArrayList<>();
            r.properties.path("aRecords").forEach(a -> ips.add(a.path("ipv4Address").asText()));
            return ips;
        }).orElse(List.of());
    }

    synchronized List<Zone> zones(String subscription, Optional<String> resourceGroup) {
        return zones.values().stream().filter(z -> z.id.subscription().equalsIgnoreCase(subscription)
                && resourceGroup.map(g -> g.equalsIgnoreCase(z.id.resourceGroup())).orElse(true)).toList();
    }

    synchronized Collection<Zone> allZones() {
        return List.copyOf(zones.values());
    }

    /** Out-of-band write, as another tool or person would do it: new content and a new etag. */
    synchronized RecordSet putRecordOutOfBand(Zone zone, String name, ObjectNode properties) {
        String n = name.toLowerCase(Locale.ROOT);
        RecordSet rs = zone.records.computeIfAbsent(n, k -> new RecordSet(k, properties));
        rs.properties = properties;
        rs.etag = UUID.randomUUID().toString();
        return rs;
    }

    /** What Azure's resolver answers for an A query from a VNET: the most specific zone linked to it decides. */
    record Resolution(Optional<String> zone, boolean exists, List<String> ips, long ttl) {
    }

    synchronized Resolution resolve(String fqdn, Set<String> vnets) {
        String name = fqdn.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        Optional<Zone> zone = zones.values().stream()
                .filter(z -> z.links.stream().anyMatch(l -> vnets.contains(l.toLowerCase(Locale.ROOT))))
                .filter(z -> name.equals(z.id.name().toLowerCase(Locale.ROOT))
                        || name.endsWith("." + z.id.name().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(z -> z.id.name().length()));
        if (zone.isEmpty()) {
            return new Resolution(Optional.empty(), false, List.of(), 0);
        }
        String zoneName = zone.get().id.name().toLowerCase(Locale.ROOT);
        String relative = name.equals(zoneName) ? "@" : name.substring(0, name.length() - zoneName.length() - 1);
        RecordSet rs = zone.get().records.get(relative);
        boolean below = zone.get().records.keySet().stream().anyMatch(k -> k.endsWith("." + relative));
        if (rs == null) {
            return new Resolution(Optional.of(zoneName), below || relative.equals("@"), List.of(), 0);
        }
        List<String> ips = new ArrayList<>();
        rs.properties.path("aRecords").forEach(a -> ips.add(a.path("ipv4Address").asText()));
        return new Resolution(Optional.of(zoneName), true, ips, rs.properties.path("ttl").asLong(300));
    }

    /** The VNETs of the APIM services' subnets (primary and additional locations), lower-case. */
    synchronized Set<String> serviceVnets() {
        Set<String> out = new HashSet<>();
        for (ObjectNode s : services.values()) {
            List<JsonNode> configs = new ArrayList<>();
            configs.add(s.path("properties").path("virtualNetworkConfiguration"));
            s.path("properties").path("additionalLocations")
                    .forEach(l -> configs.add(l.path("virtualNetworkConfiguration")));
            for (JsonNode c : configs) {
                String subnet = c.path("subnetResourceId").asText("").toLowerCase(Locale.ROOT);
                int at = subnet.indexOf("/subnets/");
                if (at > 0) {
                    out.add(subnet.substring(0, at));
                }
            }
        }
        return out;
    }

    static String etagOf(UUID u) {
        return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(8)
                .putLong(u.getMostSignificantBits()).array());
    }
}
