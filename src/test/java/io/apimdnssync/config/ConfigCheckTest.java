package io.apimdnssync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ConfigCheckTest {
    static final String ZONE = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/a.azure-api.net";
    static final String APIM = "/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/a";

    /** Maps the properties as Quarkus does (conversion problems throw), then runs the cross-field check. */
    static SyncConfig check(Map<String, String> props) {
        SyncConfig c = map(props);
        ConfigCheck.check(c);
        return c;
    }

    public static SyncConfig map(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SyncConfig.class).addDiscoveredConverters()
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new MapBackedConfigSource("test", props) {
                }).build();
        return config.getConfigMapping(SyncConfig.class);
    }

    /** What SmallRye Config says of values it cannot convert: every problem, as Quarkus prints them at start-up. */
    static String conversionProblems(Map<String, String> props) {
        io.smallrye.config.ConfigValidationException e = assertThrows(
                io.smallrye.config.ConfigValidationException.class,
                () -> map(props));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < e.getProblemCount(); i++) {
            b.append(e.getProblem(i).getMessage()).append('\n');
        }
        return b.toString();
    }

    public static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("apim-dns-sync.policy", "sync");
        m.put("apim-dns-sync.instances.ids", APIM);
        m.put("apim-dns-sync.private-dns-zones", ZONE);
        return m;
    }

    @Test
    void validConfigurationGivesTypedSettings() {
        SyncConfig s = check(valid());
        assertEquals(Policy.SYNC, s.requiredPolicy());
        assertEquals(Mode.ENFORCE, s.mode());
        assertEquals("a.azure-api.net", s.privateDnsZones().orElseThrow().get(0).name());
    }

    @Test
    void enumValuesAreSpelledWithHyphens() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.policy", "upsert-only");
        m.put("apim-dns-sync.non-internal-records", "remove");
        m.put("apim-dns-sync.azure.cloud", "us-government");
        SyncConfig s = check(m);
        assertEquals(Policy.UPSERT_ONLY, s.requiredPolicy());
        assertEquals(NonInternalRecords.REMOVE, s.nonInternalRecords());
        assertEquals(Cloud.US_GOVERNMENT, s.azure().cloud());
    }

    @Test
    void missingPolicyIsAnErrorThatNamesTheChoices() {
        Map<String, String> m = valid();
        m.remove("apim-dns-sync.policy");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        assertTrue(e.getMessage().contains("apim-dns-sync.policy is required"), e.getMessage());
        assertTrue(e.getMessage().contains("'sync'") && e.getMessage().contains("'upsert-only'"), e.getMessage());
    }

    @Test
    void unknownValuesAreRejectedTogetherWithTheChoices() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.policy", "delete-everything");
        m.put("apim-dns-sync.mode", "yolo");
        m.put("apim-dns-sync.instances.ids", "not-an-id");
        String msg = conversionProblems(m);
        assertTrue(msg.contains("apim-dns-sync.policy") && msg.contains("delete-everything")
                && msg.contains("upsert-only"), msg);
        assertTrue(msg.contains("apim-dns-sync.mode") && msg.contains("yolo") && msg.contains("observe"), msg);
        assertTrue(msg.contains("apim-dns-sync.instances.ids") && msg.contains("is not a resource ID"), msg);
    }

    @Test
    void everyCrossFieldProblemIsListedAtOnce() {
        Map<String, String> m = new HashMap<>();
        m.put("apim-dns-sync.instances.ids", "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/x");
        m.put("apim-dns-sync.azure.cloud", "custom");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        String msg = e.getMessage();
        assertTrue(msg.contains("apim-dns-sync.policy is required"), msg);
        assertTrue(msg.contains("expected Microsoft.ApiManagement/service"), msg);
        assertTrue(msg.contains("no zones configured"), msg);
        assertTrue(msg.contains("needs apim-dns-sync.azure.resource-manager-endpoint"), msg);
        assertTrue(msg.contains("needs apim-dns-sync.azure.token-audience"), msg);
    }

    @Test
    void sweepResolversAndAlertSinksAreChecked() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.sweep.resolvers",
                "168.63.129.16,10.0.0.4:5353,10.0.0.5:99999,10.0.0.6:dns,999.1.1.1,foo bar,[fd00::1]:53,dns.corp");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        assertTrue(e.getMessage().contains("'10.0.0.5:99999' is not host, ip or ip:port"), e.getMessage());
        assertTrue(e.getMessage().contains("'10.0.0.6:dns' is not host, ip or ip:port"), e.getMessage());
        assertTrue(e.getMessage().contains("'999.1.1.1' is not host") && e.getMessage().contains("'foo bar' is not"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("[fd00::1]:53") && !e.getMessage().contains("dns.corp"), e.getMessage());
        assertTrue(!e.getMessage().contains("168.63.129.16") && !e.getMessage().contains("10.0.0.4:5353"),
                e.getMessage());

        Map<String, String> sinks = valid();
        sinks.put("apim-dns-sync.alerts.webhooks[0].name", "chat");
        sinks.put("apim-dns-sync.alerts.webhooks[0].url", "https://example.invalid/hook");
        sinks.put("apim-dns-sync.alerts.webhooks[0].format", "teams");
        assertEquals(SyncConfig.AlertFormat.TEAMS, check(sinks).alerts().webhooks().get(0).format());
        sinks.put("apim-dns-sync.alerts.webhooks[1].name", "chat");
        sinks.put("apim-dns-sync.alerts.webhooks[1].url", "http://hooks.example:99999/x?key=s3cr3t");
        sinks.put("apim-dns-sync.alerts.event-grid[0].name", "topic");
        sinks.put("apim-dns-sync.alerts.event-grid[0].endpoint", "http://topic.example/api/events");
        String problems = assertThrows(InvalidConfigException.class, () -> check(sinks)).getMessage();
        assertTrue(problems.contains("webhooks[1].name must be set and unique"), problems);
        assertTrue(problems.contains("webhooks[1].url is not an absolute http or https URL"), problems);
        assertTrue(problems.contains("event-grid[0].endpoint is not an https URL"), problems);
        assertTrue(!problems.contains("s3cr3t"), "a URL is never printed: " + problems);
        sinks.put("apim-dns-sync.alerts.webhooks[0].format", "pager");
        assertTrue(conversionProblems(sinks).contains("pager"), conversionProblems(sinks));
    }

    @Test
    void customCloudMustUseHttpsAndSetsTheAudience() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.azure.cloud", "custom");
        m.put("apim-dns-sync.azure.resource-manager-endpoint", "http://arm.local/");
        m.put("apim-dns-sync.azure.token-audience", "https://management.local/");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        assertTrue(e.getMessage().contains("must use https"), e.getMessage());

        m.put("apim-dns-sync.azure.resource-manager-endpoint", "https://arm.local/");
        SyncConfig s = check(m);
        var env = io.apimdnssync.azure.AzureEnvironments.of(s.azure());
        assertEquals("https://arm.local/", env.getResourceManagerEndpoint());
        assertEquals("https://management.local/.default", io.apimdnssync.azure.AzureEnvironments.scope(env));
    }

    @Test
    void dnsServerNeedsAKeyOrAnExplicitUnsignedChoice() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.dns-servers[0].address", "10.0.0.4");
        m.put("apim-dns-sync.dns-servers[0].zones", "contoso.com");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        assertTrue(e.getMessage().contains("apim-dns-sync.dns-servers[0] has no TSIG key"), e.getMessage());

        m.put("apim-dns-sync.dns-servers[0].allow-unsigned", "true");
        assertEquals(1, check(m).dnsServers().size());
        assertEquals(java.util.Optional.empty(), DnsServerSettings.of(check(m).dnsServers().get(0)).tsig());
    }

    @Test
    void tsigKeyFromABindKeyFileAndTheSecretNeverPrinted() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("key", ".key");
        java.nio.file.Files.writeString(f, "key \"apim-dns-sync\" {\n\talgorithm hmac-sha512;\n"
                + "\tsecret \"c2VjcmV0LXNlY3JldC1zZWNyZXQ=\";\n};\n");
        Map<String, String> m = valid();
        m.put("apim-dns-sync.dns-servers[0].address", "10.0.0.4");
        m.put("apim-dns-sync.dns-servers[0].zones", "Contoso.com.");
        m.put("apim-dns-sync.dns-servers[0].tsig.key-file", f.toString());
        DnsServerSettings server = DnsServerSettings.of(check(m).dnsServers().get(0));
        assertEquals("apim-dns-sync", server.tsig().orElseThrow().name());
        assertEquals(TsigAlgorithm.HMAC_SHA512, server.tsig().orElseThrow().algorithm());
        assertEquals(java.util.List.of("contoso.com"), server.zones());
        assertTrue(!server.toString().contains("c2VjcmV0"), server.toString());
    }

    @Test
    void badTsigSettingsAreNamed() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.dns-servers[0].address", "10.0.0.4");
        m.put("apim-dns-sync.dns-servers[0].zones", "contoso.com");
        m.put("apim-dns-sync.dns-servers[0].tsig.key-name", "k");
        m.put("apim-dns-sync.dns-servers[0].tsig.secret", "not base64!");
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        assertTrue(e.getMessage().contains("the TSIG secret of key 'k' is not base64"), e.getMessage());
        assertTrue(!e.getMessage().contains("not base64!"), "the secret is never echoed");

        m.put("apim-dns-sync.dns-servers[0].tsig.algorithm", "hmac-md4");
        m.put("apim-dns-sync.dns-servers[0].transport", "quic");
        String unknown = conversionProblems(m);
        assertTrue(unknown.contains("hmac-md4") && unknown.contains("hmac-sha256"), unknown);
        assertTrue(unknown.contains("quic") && unknown.contains("udp"), unknown);
    }

    @Test
    void anUnknownAlgorithmInAKeyFileIsRejectedNotReplaced() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("key", ".key");
        java.nio.file.Files.writeString(f, "key \"k\" {\n\talgorithm hmac-md5;\n\tsecret \"c2VjcmV0\";\n};\n");
        Map<String, String> m = valid();
        m.put("apim-dns-sync.dns-servers[0].address", "10.0.0.4");
        m.put("apim-dns-sync.dns-servers[0].zones", "contoso.com");
        m.put("apim-dns-sync.dns-servers[0].tsig.key-file", f.toString());
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(m));
        assertTrue(e.getMessage().contains("TSIG algorithm 'hmac-md5' is not supported"), e.getMessage());
    }

    @Test
    void discoveryScopesWithTagSelectors() {
        Map<String, String> m = valid();
        m.remove("apim-dns-sync.instances.ids");
        m.put("apim-dns-sync.instances.discovery[0].subscription", "00000000-0000-0000-0000-00000000000a");
        m.put("apim-dns-sync.instances.discovery[0].resource-group", "g");
        m.put("apim-dns-sync.instances.discovery[0].tags.dns-sync", "enabled");
        m.put("apim-dns-sync.instances.discovery[0].tags.env", "*");
        ManagedScope s = check(m).scope();
        io.apimdnssync.arm.ArmId inScope = io.apimdnssync.arm.ArmId.parse(
                "/subscriptions/00000000-0000-0000-0000-00000000000A/resourcegroups/G/providers/Microsoft.ApiManagement/service/x")
                .orElseThrow();
        io.apimdnssync.arm.ArmId otherGroup = io.apimdnssync.arm.ArmId.parse(
                "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/h/providers/Microsoft.ApiManagement/service/x")
                .orElseThrow();
        assertTrue(s.manages(inScope, Map.of("DNS-SYNC", "enabled", "env", "prod")), "tag names case-insensitive");
        assertTrue(!s.manages(inScope, Map.of("dns-sync", "disabled", "env", "prod")), "value must match");
        assertTrue(!s.manages(inScope, Map.of("dns-sync", "enabled")), "every tag must be present");
        assertTrue(!s.manages(otherGroup, Map.of("dns-sync", "enabled", "env", "x")));
        assertTrue(s.mayManage(inScope), "events are judged by scope alone, tags are read later");
    }

    @Test
    void placeholdersLeftInAreRefused() {
        Map<String, String> m = valid();
        m.put("apim-dns-sync.instances.discovery[0].subscription", "<subscription id>");
        m.put("apim-dns-sync.private-dns-zone-discovery[0].subscription", "00000000-0000-0000-0000-000000000000");
        String problems = assertThrows(InvalidConfigException.class, () -> check(m)).getMessage();
        assertTrue(problems.contains("discovery[0].subscription '<subscription id>' is not a subscription ID"),
                problems);
        assertTrue(!problems.contains("private-dns-zone-discovery[0]"), problems);
        m.put("apim-dns-sync.instances.discovery[0].subscription", "00000000-0000-0000-0000-000000000000");
        m.put("apim-dns-sync.events.kafka.enabled", "true");
        m.put("apim-dns-sync.events.kafka.bootstrap-servers", "localhost:9092");
        m.put("apim-dns-sync.events.kafka.topic", "<event hub name>");
        problems = assertThrows(InvalidConfigException.class, () -> check(m)).getMessage();
        assertTrue(problems.contains("topic '<event hub name>' is not an event hub"), problems);
    }
}
