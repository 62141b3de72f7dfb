package io.apimdnssync.source;

import com.azure.resourcemanager.apimanagement.fluent.models.ApiManagementServiceResourceInner;
import com.azure.resourcemanager.apimanagement.models.AdditionalLocation;
import com.azure.resourcemanager.apimanagement.models.HostnameConfiguration;
import com.azure.resourcemanager.apimanagement.models.VirtualNetworkConfiguration;
import io.apimdnssync.arm.ArmId;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Maps the SDK's APIM service model to an {@link InstanceSnapshot}; pure, no I/O. */
public final class SnapshotMapper {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)(\\*\\.)?([a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9_]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private SnapshotMapper() {
    }

    public static InstanceSnapshot map(ApiManagementServiceResourceInner s, Instant readAt) {
        ArmId id = ArmId.parse(s.id()).orElseThrow(() -> new IllegalArgumentException(
                "ARM returned an APIM service without a valid id: " + s.id()));
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        List<LocationSnapshot> locations = new ArrayList<>();
        locations.add(location(s.location(), true, s.privateIpAddresses(), s.publicIpAddresses(),
                s.virtualNetworkConfiguration(), s.gatewayRegionalUrl(), s.zones(),
                Optional.ofNullable(s.platformVersion()).map(Object::toString), problems, warnings));
        for (AdditionalLocation a : nonNull(s.additionalLocations())) {
            locations.add(location(a.location(), false, a.privateIpAddresses(), a.publicIpAddresses(),
                    a.virtualNetworkConfiguration(), a.gatewayRegionalUrl(), a.zones(),
                    Optional.ofNullable(a.platformVersion()).map(Object::toString), problems, warnings));
        }

        Map<String, HostName> names = new LinkedHashMap<>();
        String primary = s.location();
        add(names, s.gatewayUrl(), Endpoint.GATEWAY, primary, warnings);
        add(names, s.portalUrl(), Endpoint.PORTAL, primary, warnings);
        add(names, s.developerPortalUrl(), Endpoint.DEVELOPER_PORTAL, primary, warnings);
        add(names, s.managementApiUrl(), Endpoint.MANAGEMENT, primary, warnings);
        add(names, s.scmUrl(), Endpoint.SCM, primary, warnings);
        for (LocationSnapshot l : locations) {
            l.regionalGatewayHost().ifPresent(h -> add(names, h, Endpoint.REGIONAL_GATEWAY, l.location(), warnings));
        }
        for (HostnameConfiguration h : nonNull(s.hostnameConfigurations())) {
            add(names, h.hostname(), Endpoint.CUSTOM, primary, warnings);
        }

        String vnetType = s.virtualNetworkType() == null ? "None" : s.virtualNetworkType().toString();
        return new InstanceSnapshot(id, s.name(),
                s.sku() == null || s.sku().name() == null ? "" : s.sku().name().toString(),
                s.sku() == null ? 0 : s.sku().capacity(),
                Optional.ofNullable(s.provisioningState()).orElse(""),
                Optional.ofNullable(s.targetProvisioningState()).orElse(""),
                vnetType,
                Optional.ofNullable(s.platformVersion()).map(Object::toString),
                List.copyOf(nonNull(s.zones())),
                s.tags() == null ? Map.of() : Map.copyOf(s.tags()),
                Optional.ofNullable(s.etag()),
                List.copyOf(locations), List.copyOf(names.values()), List.copyOf(problems), List.copyOf(warnings),
                readAt);
    }

    private static LocationSnapshot location(String name, boolean primary, List<String> privateIps,
            List<String> publicIps, VirtualNetworkConfiguration vnet, String regionalUrl, List<String> zones,
            Optional<String> platform, List<String> problems, List<String> warnings) {
        String where = (primary ? "primary location '" : "location '") + name + "'";
        checkIps(where, "privateIPAddresses", privateIps, problems);
        checkIps(where, "publicIPAddresses", publicIps, problems);
        Optional<String> host = Optional.ofNullable(regionalUrl).flatMap(u -> hostOf(u, warnings));
        return new LocationSnapshot(name == null ? "" : name, primary, List.copyOf(nonNull(privateIps)),
                List.copyOf(nonNull(publicIps)),
                Optional.ofNullable(vnet).map(VirtualNetworkConfiguration::subnetResourceId),
                host, List.copyOf(nonNull(zones)), platform);
    }

    private static void checkIps(String where, String field, List<String> ips, List<String> problems) {
        for (String ip : nonNull(ips)) {
            if (!Ipv4.isValid(ip)) {
                problems.add(where + ": " + field + " contains '" + ip + "', which is not an IPv4 address");
            } else {
                Ipv4.unusable(ip).ifPresent(why -> problems.add(where + ": " + field + " contains '" + ip
                        + "', a " + why + " address, which no client can reach the service at"));
            }
        }
    }

    private static void add(Map<String, HostName> names, String urlOrHost, Endpoint endpoint, String location,
            List<String> warnings) {
        if (urlOrHost == null || urlOrHost.isBlank()) {
            return;
        }
        hostOf(urlOrHost, warnings).ifPresent(h -> names.putIfAbsent(h, new HostName(h, endpoint, location)));
    }

    /** The lower-cased host of a URL or bare host name, if it is a DNS name we can publish. */
    static Optional<String> hostOf(String urlOrHost, List<String> warnings) {
        String raw = urlOrHost.trim();
        String host;
        if (raw.contains("://")) {
            try {
                host = URI.create(raw).getHost();
            } catch (IllegalArgumentException e) {
                host = null;
            }
        } else {
            host = raw;
        }
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (!DNS_NAME.matcher(h).matches()) {
            warnings.add("host name '" + urlOrHost + "' is not a DNS name; skipped");
            return Optional.empty();
        }
        return Optional.of(h);
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }
}
