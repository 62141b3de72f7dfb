package io.apimdnssync.config;

import static io.apimdnssync.config.ConfigCheckTest.APIM;
import static io.apimdnssync.config.ConfigCheckTest.ZONE;
import static io.apimdnssync.config.ConfigCheckTest.map;
import static io.apimdnssync.config.ConfigCheckTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each cross-field rule on its own: the setting that breaks it, and the words that name it. */
class CrossFieldRulesTest {

    static List<String> problems(Map<String, String> extra) {
        Map<String, String> m = valid();
        extra.forEach((k, v) -> {
            if (v.equals("<unset>")) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return ConfigCheck.problems(map(m));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "reconcile.resync-interval | 0s | apim-dns-sync.reconcile.resync-interval must be positive",
            "reconcile.backoff-initial | 0s | apim-dns-sync.reconcile.backoff-initial must be positive",
            "reconcile.update-poll-interval | 0s | apim-dns-sync.reconcile.update-poll-interval must be positive",
            "reconcile.backoff-initial | 6m | apim-dns-sync.reconcile.backoff-initial must not exceed backoff-max",
            "azure.read-reserve | 200 | apim-dns-sync.azure.read-reserve (200) must be below read-burst (200): the resync would never get a read",
            "owner-id | ' ' | apim-dns-sync.owner-id must not be blank",
            "azure.resource-manager-endpoint | https://arm.example/ | apim-dns-sync.azure.resource-manager-endpoint is only used with apim-dns-sync.azure.cloud=custom",
            "events.webhook.entra.enabled | true | apim-dns-sync.events.webhook.entra.jwks-url is required with entra.enabled=true (https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys)",
            "private-dns-zones | " + APIM + " | apim-dns-sync.private-dns-zones entry '" + APIM
                    + "' is a Microsoft.ApiManagement/service, expected Microsoft.Network/privateDnsZones",
            "instances.ids | " + APIM + "," + APIM + " | apim-dns-sync.instances.ids lists '" + APIM + "' twice",
            "instances.ids | <unset> | no APIM instances configured: set apim-dns-sync.instances.ids or apim-dns-sync.instances.discovery[0].subscription",
    })
    void oneRuleBroken(String key, String value, String problem) {
        List<String> p = problems(Map.of("apim-dns-sync." + key, value));
        assertEquals(problem, p.get(0), p.toString());
    }

    @ParameterizedTest(name = "{0}={1} is fine")
    @CsvSource({
            "reconcile.backoff-initial, 5m",
            "azure.read-reserve, 199",
            "azure.read-reserve, 0",
    })
    void boundariesThatHold(String key, String value) {
        assertEquals(List.of(), problems(Map.of("apim-dns-sync." + key, value)));
    }

    @org.junit.jupiter.api.Test
    void entraNeedsItsThreeSettings() {
        assertEquals(3, problems(Map.of("apim-dns-sync.events.webhook.entra.enabled", "true")).size());
        assertEquals(List.of("apim-dns-sync.events.webhook.entra.audience is required with entra.enabled=true (the "
                + "app's ID URI or client ID)"), problems(
                        Map.of("apim-dns-sync.events.webhook.entra.enabled", "true",
                                "apim-dns-sync.events.webhook.entra.jwks-url", "https://login.example/keys",
                                "apim-dns-sync.events.webhook.entra.issuers", "https://login.example/t/v2.0")));
        assertEquals(List.of(), problems(Map.of("apim-dns-sync.events.webhook.entra.enabled", "true",
                "apim-dns-sync.events.webhook.entra.jwks-url", "https://login.example/keys",
                "apim-dns-sync.events.webhook.entra.issuers", "https://login.example/t/v2.0",
                "apim-dns-sync.events.webhook.entra.audience", "api://apim-dns-sync")));
    }

    @org.junit.jupiter.api.Test
    void dnsServerKeyChoices() {
        String s = "apim-dns-sync.dns-servers[0].";
        assertEquals(List.of(s.replaceAll("\\.$", "") + ".tsig needs both key-name and secret (or key-file)"),
                problems(Map.of(s + "address", "10.0.0.4", s + "zones", "contoso.com", s + "tsig.key-name", "k")));
        assertEquals(s + "tsig: set either key-file or key-name and secret, not both", problems(Map.of(
                s + "address", "10.0.0.4", s + "zones", "contoso.com", s + "tsig.key-name", "k",
                s + "tsig.secret", "c2VjcmV0", s + "tsig.key-file", "/nonexistent/key")).get(0));
        assertEquals(List.of(), problems(Map.of(s + "address", "10.0.0.4", s + "zones", "contoso.com",
                s + "tsig.key-name", "k", s + "tsig.secret", "c2VjcmV0")));
    }

    @org.junit.jupiter.api.Test
    void zonesCanComeFromADnsServerAlone() {
        String s = "apim-dns-sync.dns-servers[0].";
        assertEquals(List.of(), problems(Map.of("apim-dns-sync.private-dns-zones", "<unset>", s + "address",
                "10.0.0.4", s + "zones", "contoso.com", s + "allow-unsigned", "true")));
        assertEquals(1, problems(Map.of("apim-dns-sync.private-dns-zones", "<unset>")).size());
        assertEquals(List.of(), problems(Map.of("apim-dns-sync.private-dns-zones", ZONE)));
    }
}
