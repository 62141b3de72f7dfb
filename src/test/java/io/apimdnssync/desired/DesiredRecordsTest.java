package io.apimdnssync.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apimdnssync.config.NonInternalRecords;
import io.apimdnssync.desired.InstanceDesire.Verdict;
import io.apimdnssync.source.Endpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DesiredRecordsTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3} gateway={4} northeurope={5} records={6}")
    @CsvSource({
            // state,      vnetType,  nonInternal, verdict, gateway IP, North Europe regional IP, record count
            "Succeeded,    Internal,  public-vip,  PUBLISH, 10.1.0.5,  10.2.0.5,  8",
            "Succeeded,    External,  public-vip,  PUBLISH, 20.1.1.1,  20.2.2.2,  8",
            "Succeeded,    None,      public-vip,  PUBLISH, 20.1.1.1,  20.2.2.2,  8",
            "Succeeded,    External,  remove,      PUBLISH, -,         -,         0",
            "Succeeded,    None,      remove,      PUBLISH, -,         -,         0",
            "Succeeded,    Internal,  remove,      PUBLISH, 10.1.0.5,  10.2.0.5,  8",
            "Updating,     Internal,  public-vip,  HOLD,    -,         -,         0",
            "Activating,   None,      public-vip,  HOLD,    -,         -,         0",
            "Failed,       Internal,  public-vip,  HOLD,    -,         -,         0",
            "Canceled,     Internal,  public-vip,  HOLD,    -,         -,         0",
            "Quantum,      Internal,  public-vip,  HOLD,    -,         -,         0",
            "Succeeded,    Hybrid,    public-vip,  HOLD,    -,         -,         0",
            "succeeded,    internal,  public-vip,  PUBLISH, 10.1.0.5,  10.2.0.5,  8",
    })
    void verdictAndAddresses(String state, String vnetType, String nonInternal, Verdict verdict, String gatewayIp,
            String regionalIp, int count) {
        InstanceDesire d = DesiredRecords.compute(Snapshots.of(state, vnetType, List.of()), options(nonInternal));
        assertEquals(verdict, d.verdict(), d.reason());
        assertEquals(count, d.records().size());
        Map<String, List<String>> byName = d.records().stream()
                .collect(Collectors.toMap(DesiredRecord::fqdn, DesiredRecord::ips));
        if (!"-".equals(gatewayIp)) {
            assertEquals(List.of(gatewayIp), byName.get("contoso.azure-api.net"));
            assertEquals(List.of(gatewayIp), byName.get("api.contoso.com"));
            assertEquals(List.of(gatewayIp), byName.get("contoso-westeurope-01.regional.azure-api.net"));
            assertEquals(List.of(regionalIp), byName.get("contoso-northeurope-01.regional.azure-api.net"));
        }
    }

    @ParameterizedTest
    @CsvSource({"Internal", "External"})
    void invalidPayloadHoldsTheInstance(String vnetType) {
        InstanceDesire d = DesiredRecords.compute(Snapshots.of("Succeeded", vnetType,
                List.of("primary location 'West Europe': privateIPAddresses contains '172.XX.0.5'")),
                options("public-vip"));
        assertEquals(Verdict.HOLD, d.verdict());
        assertEquals(true, d.reason().contains("172.XX.0.5"), d.reason());
    }

    @ParameterizedTest(name = "only {0}")
    @CsvSource({
            "GATEWAY,          contoso.azure-api.net",
            "PORTAL,           contoso.portal.azure-api.net",
            "DEVELOPER_PORTAL, contoso.developer.azure-api.net",
            "MANAGEMENT,       contoso.management.azure-api.net",
            "SCM,              contoso.scm.azure-api.net",
            "CUSTOM,           api.contoso.com",
    })
    void endpointSelection(Endpoint only, String expected) {
        InstanceDesire d = DesiredRecords.compute(Snapshots.of("Succeeded", "Internal", List.of()),
                new DesiredRecords.Options(Set.of(only), NonInternalRecords.PUBLIC_VIP));
        assertEquals(List.of(expected), d.records().stream().map(DesiredRecord::fqdn).toList());
    }

    private static DesiredRecords.Options options(String nonInternal) {
        return DesiredRecords.Options.all(nonInternal.equals("remove") ? NonInternalRecords.REMOVE
                : NonInternalRecords.PUBLIC_VIP);
    }
}
