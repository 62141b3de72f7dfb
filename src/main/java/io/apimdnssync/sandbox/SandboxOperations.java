package io.apimdnssync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The VIP-changing operations of the seed, applied to a service's JSON at completion: enable or disable the VNET,
 * switch External/Internal, change availability zones, add a location, add a custom host name.
 */
final class SandboxOperations {
    private final AtomicInteger next = new AtomicInteger(20);

    enum Type {
        ENABLE_VNET("enable-vnet"),
        DISABLE_VNET("disable-vnet"),
        SET_MODE("set-mode"),
        SET_ZONES("set-zones"),
        ADD_LOCATION("add-location"),
        ADD_HOSTNAME("add-hostname");

        final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        static Type of(String s) {
            for (Type t : values()) {
                if (t.wire.equalsIgnoreCase(s)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown operation '" + s + "': use enable-vnet, disable-vnet, "
                    + "set-mode, set-zones, add-location, add-hostname");
        }
    }

    /** Checks the request before the operation starts, so a bad one is refused with 400. */
    static void validate(Type type, JsonNode req, ObjectNode service) {
        String vnetType = service.path("properties").path("virtualNetworkType").asText("None");
        switch (type) {
            case SET_MODE -> {
                String mode = req.path("mode").asText();
                if (!mode.equalsIgnoreCase("Internal") && !mode.equalsIgnoreCase("External")) {
                    throw new IllegalArgumentException("set-mode needs \"mode\": \"Internal\" or \"External\"");
                }
                if (vnetType.equalsIgnoreCase("None")) {
                    throw new IllegalArgumentException("the instance has no VNET: use enable-vnet");
                }
            }
            case SET_ZONES -> {
                if (!req.path("zones").isArray()) {
                    throw new IllegalArgumentException(
                            "set-zones needs \"zones\": [\"1\",\"2\"] (and optionally \"location\")");
                }
                if (req.has("location")) {
                    locationNode(service, req.path("location").asText());
                }
            }
            case ADD_LOCATION -> {
                if (req.path("location").asText().isBlank()) {
                    throw new IllegalArgumentException("add-location needs \"location\"");
                }
            }
            case ADD_HOSTNAME -> {
                if (req.path("hostName").asText().isBlank()) {
                    throw new IllegalArgumentException("add-hostname needs \"hostName\"");
                }
            }
            case ENABLE_VNET -> {
                if (!vnetType.equalsIgnoreCase("None")) {
                    throw new IllegalArgumentException("the instance is already in a VNET (" + vnetType + ")");
                }
            }
            case DISABLE_VNET -> {
                if (vnetType.equalsIgnoreCase("None")) {
                    throw new IllegalArgumentException("the instance has no VNET");
                }
            }
        }
    }

    /** Applies the completed operation: the new configuration and the VIPs the platform assigns. */
    void complete(Type type, JsonNode req, ObjectNode service) {
        ObjectNode p = (ObjectNode) service.path("properties");
        switch (type) {
            case ENABLE_VNET -> {
                String mode = req.path("mode").asText("Internal");
                p.put("virtualNetworkType", mode.equalsIgnoreCase("External") ? "External" : "Internal");
                String subnet = req.path("subnetResourceId").asText(defaultSubnet(service, 0));
                p.putObject("virtualNetworkConfiguration").put("subnetResourceId", subnet);
                int i = 1;
                for (JsonNode loc : p.path("additionalLocations")) {
                    ((ObjectNode) loc).putObject("virtualNetworkConfiguration")
                            .put("subnetResourceId", defaultSubnet(service, i++));
                }
                reassignAll(p, true);
            }
            case DISABLE_VNET -> {
                p.put("virtualNetworkType", "None");
                p.remove("virtualNetworkConfiguration");
                p.putArray("privateIPAddresses");
                for (JsonNode loc : p.path("additionalLocations")) {
                    ((ObjectNode) loc).remove("virtualNetworkConfiguration");
                    ((ObjectNode) loc).putArray("privateIPAddresses");
                }
                reassignAll(p, false);
            }
            case SET_MODE -> {
                p.put("virtualNetworkType",
                        req.path("mode").asText().equalsIgnoreCase("Internal") ? "Internal" : "External");
                reassignAll(p, true);
            }
            case SET_ZONES -> {
                String location = req.path("location").asText(service.path("location").asText());
                ObjectNode target = locationNode(service, location);
                ArrayNode zones = target.putArray("zones");
                req.path("zones").forEach(zones::add);
                reassign(target, locIndex(service, location), !p.path("virtualNetworkType").asText("None")
                        .equalsIgnoreCase("None"));
            }
            case ADD_LOCATION -> {
                String location = req.path("location").asText();
                ArrayNode add = p.has("additionalLocations") ? (ArrayNode) p.get("additionalLocations")
                        : p.putArray("additionalLocations");
                ObjectNode loc = add.addObject();
                loc.put("location", location);
                loc.putObject("sku").put("name", service.path("sku").path("name").asText("Premium")).put("capacity", 1);
                int idx = add.size();
                boolean vnet = !p.path("virtualNetworkType").asText("None").equalsIgnoreCase("None");
                if (vnet) {
                    loc.putObject("virtualNetworkConfiguration").put("subnetResourceId",
                            req.path("subnetResourceId").asText(defaultSubnet(service, idx)));
                }
                reassign(loc, idx, vnet);
                loc.put("gatewayRegionalUrl", "https://" + service.path("name").asText().toLowerCase(Locale.ROOT) + "-"
                        + location.toLowerCase(Locale.ROOT).replace(" ", "") + "-01.regional.azure-api.net");
                loc.put("disableGateway", false);
                loc.put("platformVersion", "stv2");
            }
            case ADD_HOSTNAME -> {
                ArrayNode h = p.has("hostnameConfigurations") ? (ArrayNode) p.get("hostnameConfigurations")
                        : p.putArray("hostnameConfigurations");
                ObjectNode n = h.addObject();
                n.put("type", req.path("type").asText("Proxy"));
                n.put("hostName", req.path("hostName").asText());
                n.put("negotiateClientCertificate", false);
                n.put("defaultSslBinding", false);
                n.put("certificateSource", "Custom");
            }
        }
    }

    private void reassignAll(ObjectNode p, boolean vnet) {
        reassign(p, 0, vnet);
        int i = 1;
        for (JsonNode loc : p.path("additionalLocations")) {
            reassign((ObjectNode) loc, i++, vnet);
        }
    }

    /** New public VIP always; new private VIP inside a VNET, none outside. */
    private void reassign(ObjectNode loc, int index, boolean vnet) {
        int n = next.getAndIncrement() % 250 + 1;
        loc.putArray("publicIPAddresses").add("20.50." + index + "." + n);
        ArrayNode priv = loc.putArray("privateIPAddresses");
        if (vnet) {
            priv.add("10." + (index + 1) + ".0." + n);
        }
    }

    private static ObjectNode locationNode(ObjectNode service, String location) {
        if (service.path("location").asText().equalsIgnoreCase(location)) {
            return (ObjectNode) service.get("properties");
        }
        for (JsonNode l : service.path("properties").path("additionalLocations")) {
            if (l.path("location").asText().equalsIgnoreCase(location)) {
                return (ObjectNode) l;
            }
        }
        throw new IllegalArgumentException("the instance has no location '" + location + "'");
    }

    private static int locIndex(ObjectNode service, String location) {
        int i = 1;
        for (JsonNode l : service.path("properties").path("additionalLocations")) {
            if (l.path("location").asText().equalsIgnoreCase(location)) {
                return i;
            }
            i++;
        }
        return 0;
    }

    private static String defaultSubnet(ObjectNode service, int index) {
        String id = service.path("id").asText();
        String sub = id.split("/")[2];
        return "/subscriptions/" + sub + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-"
                + service.path("name").asText() + "-" + index + "/subnets/snet-apim";
    }
}
