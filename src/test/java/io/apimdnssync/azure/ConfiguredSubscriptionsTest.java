package io.apimdnssync.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.config.SyncConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ARM clients exist only for the subscriptions the configuration names, whatever a caller or a record says. */
class ConfiguredSubscriptionsTest {
    @Test
    void everyPlaceASubscriptionCanBeNamedCounts() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SyncConfig.class).addDiscoveredConverters()
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new MapBackedConfigSource("test", Map.of(
                        "apim-dns-sync.policy", "sync",
                        "apim-dns-sync.instances.ids", "/subscriptions/AAAA/resourceGroups/g/providers/"
                                + "Microsoft.ApiManagement/service/a",
                        "apim-dns-sync.instances.discovery[0].subscription", "bbbb",
                        "apim-dns-sync.private-dns-zones", "/subscriptions/cccc/resourceGroups/g/providers/"
                                + "Microsoft.Network/privateDnsZones/a.azure-api.net",
                        "apim-dns-sync.private-dns-zone-discovery[0].subscription", " DDDD ")) {
                }).build();
        assertEquals(Set.of("aaaa", "bbbb", "cccc", "dddd"),
                ArmClients.configuredSubscriptions(config.getConfigMapping(SyncConfig.class)));
    }
}
