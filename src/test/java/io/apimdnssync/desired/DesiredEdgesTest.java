package io.apimdnssync.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.config.NonInternalRecords;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.source.Endpoint;
import io.apimdnssync.source.HostName;
import io.apimdnssync.source.InstanceSnapshot;
import io.apimdnssync.source.LocationSnapshot;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The desired records where the table in DesiredRecordsTest does not reach: missing VIPs and the configured options. */
class DesiredEdgesTest {

    static InstanceSnapshot snapshot(String vnetType, List<String> primaryPrivate, List<String> primaryPublic,
            List<String> secondPrivate, List<HostName> names) {
        LocationSnapshot primary = new LocationSnapshot("West Europe", true, primaryPrivate, primaryPublic,
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        LocationSnapshot second = new LocationSnapshot("North Europe", false, secondPrivate, List.of("20.2.2.2"),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        return new InstanceSnapshot(Snapshots.ID, "contoso", "Premium", 1, "Succeeded", "", vnetType,
                Optional.empty(), List.of(), Map.of(), Optional.empty(), List.of(primary, second), names, List.of(),
                List.of(), Instant.EPOCH);
    }

    static final HostName GW = new HostName("contoso.azure-api.net", Endpoint.GATEWAY, "West Europe");
    static final HostName NORTH = new HostName("contoso-northeurope-01.regional.azure-api.net",
            Endpoint.REGIONAL_GATEWAY, "North Europe");
    static final HostName SOMEWHERE = new HostName("contoso-elsewhere-01.regional.azure-api.net",
            Endpoint.REGIONAL_GATEWAY, "Sweden Central");

    @Test
    void aLocationWithoutPrivateVipsHoldsEveryRecord() {
        InstanceDesire d = DesiredRecords.compute(snapshot("Internal", List.of("10.1.0.5"), List.of("20.1.1.1"),
                List.of(), List.of(GW, NORTH)), DesiredRecords.Options.all(NonInternalRecords.PUBLIC_VIP));
        assertEquals(InstanceDesire.Verdict.HOLD, d.verdict());
        assertEquals(
                "location 'North Europe' has no privateIPAddresses for contoso-northeurope-01.regional.azure-api.net"
                        + ": records are left as they are",
                d.reason());
        assertEquals(List.of(), d.records());
    }

    @Test
    void aNonInternalInstanceWithoutPublicVipsHoldsToo() {
        InstanceDesire d = DesiredRecords.compute(snapshot("External", List.of(), List.of(), List.of(), List.of(GW)),
                DesiredRecords.Options.all(NonInternalRecords.PUBLIC_VIP));
        assertEquals(InstanceDesire.Verdict.HOLD, d.verdict());
        assertEquals("location 'West Europe' has no publicIPAddresses for contoso.azure-api.net: records are left as "
                + "they are", d.reason());
    }

    @Test
    void aRegionalNameOfAnUnknownLocationGetsThePrimaryVips() {
        InstanceDesire d = DesiredRecords.compute(snapshot("Internal", List.of("10.1.0.5"), List.of("20.1.1.1"),
                List.of("10.2.0.5"), List.of(GW, NORTH, SOMEWHERE)),
                DesiredRecords.Options.all(NonInternalRecords.PUBLIC_VIP));
        assertEquals(InstanceDesire.Verdict.PUBLISH, d.verdict());
        assertEquals(List.of(List.of("10.1.0.5"), List.of("10.2.0.5"), List.of("10.1.0.5")),
                d.records().stream().map(DesiredRecord::ips).toList());
        assertEquals(List.of(Endpoint.GATEWAY, Endpoint.REGIONAL_GATEWAY, Endpoint.REGIONAL_GATEWAY),
                d.records().stream().map(DesiredRecord::endpoint).toList());
        assertEquals("Internal: private VIPs", d.reason());
    }

    @Test
    void aGoneInstanceWantsNoRecords() {
        InstanceDesire d = InstanceDesire.gone(Snapshots.ID);
        assertEquals(InstanceDesire.Verdict.PUBLISH, d.verdict());
        assertEquals(List.of(), d.records());
        assertEquals("instance no longer exists", d.reason());
        assertEquals(Snapshots.ID, d.instance());
    }

    @Test
    void theOptionsFollowTheConfiguration() {
        SyncConfig all = config(Map.of());
        assertEquals(EnumSet.allOf(Endpoint.class), DesiredRecords.Options.from(all).endpoints());
        assertEquals(NonInternalRecords.PUBLIC_VIP, DesiredRecords.Options.from(all).nonInternal());
        SyncConfig some = config(Map.of("apim-dns-sync.endpoints.scm", "false", "apim-dns-sync.endpoints.portal",
                "false", "apim-dns-sync.endpoints.regional-gateways", "false", "apim-dns-sync.non-internal-records",
                "remove"));
        assertEquals(Set.of(Endpoint.GATEWAY, Endpoint.DEVELOPER_PORTAL, Endpoint.MANAGEMENT, Endpoint.CUSTOM),
                DesiredRecords.Options.from(some).endpoints());
        assertEquals(NonInternalRecords.REMOVE, DesiredRecords.Options.from(some).nonInternal());
    }

    static SyncConfig config(Map<String, String> props) {
        return new SmallRyeConfigBuilder().withMapping(SyncConfig.class).addDiscoveredConverters()
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new MapBackedConfigSource("test", props) {
                }).build().getConfigMapping(SyncConfig.class);
    }
}
