package io.apimdnssync.desired;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.source.Endpoint;
import io.apimdnssync.source.HostName;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.LocationSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds snapshots for table-driven tests: primary West Europe, secondary North Europe. */
public final class Snapshots {
    public static final ArmId ID = ArmId.parse(
            "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso").orElseThrow();

    private Snapshots() {
    }

    public static InstanceSnapshot of(String state, String vnetType, List<String> problems) {
        String subnet = "/subscriptions/s1/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/v1/subnets/a";
        boolean vnet = !vnetType.equalsIgnoreCase("None");
        LocationSnapshot primary = new LocationSnapshot("West Europe", true, vnet ? List.of("10.1.0.5") : List.of(),
                List.of("20.1.1.1"), vnet ? Optional.of(subnet) : Optional.empty(),
                Optional.of("contoso-westeurope-01.regional.azure-api.net"), List.of(), Optional.of("stv2"));
        LocationSnapshot second = new LocationSnapshot("North Europe", false, vnet ? List.of("10.2.0.5") : List.of(),
                List.of("20.2.2.2"), Optional.empty(), Optional.of("contoso-northeurope-01.regional.azure-api.net"),
                List.of(), Optional.of("stv2"));
        List<HostName> names = List.of(
                new HostName("contoso.azure-api.net", Endpoint.GATEWAY, "West Europe"),
                new HostName("contoso.portal.azure-api.net", Endpoint.PORTAL, "West Europe"),
                new HostName("contoso.developer.azure-api.net", Endpoint.DEVELOPER_PORTAL, "West Europe"),
                new HostName("contoso.management.azure-api.net", Endpoint.MANAGEMENT, "West Europe"),
                new HostName("contoso.scm.azure-api.net", Endpoint.SCM, "West Europe"),
                new HostName("contoso-westeurope-01.regional.azure-api.net", Endpoint.REGIONAL_GATEWAY, "West Europe"),
                new HostName("contoso-northeurope-01.regional.azure-api.net", Endpoint.REGIONAL_GATEWAY,
                        "North Europe"),
                new HostName("api.contoso.com", Endpoint.CUSTOM, "West Europe"));
        return new InstanceSnapshot(ID, "contoso", "Premium", 1, state, "", vnetType, Optional.of("stv2"), List.of(),
                Map.of(), Optional.empty(), List.of(primary, second), names, problems, List.of(), Instant.EPOCH);
    }
}
