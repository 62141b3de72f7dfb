package io.apimdnssync.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ownership as it is read from and written to record metadata, and the questions a record answers with it. */
class OwnershipTest {
    static final String I = "/subscriptions/s/resourcegroups/g/providers/microsoft.apimanagement/service/a";

    @Test
    void writesTheThreeKeysInOrder() {
        Map<String, String> m = Ownership.of("team-a", I).toMetadata();
        assertEquals(List.of("managed-by", "owner-id", "instance"), List.copyOf(m.keySet()));
        assertEquals(List.of("apim-dns-sync", "team-a", I), List.copyOf(m.values()));
    }

    @Test
    void readsWhatItWrote() {
        assertEquals(Optional.of(Ownership.of("team-a", I)), Ownership.fromMetadata(Ownership.of("team-a", I)
                .toMetadata()));
    }

    @Test
    void keysAndTheProductNameAreCaseInsensitiveAndTheInstanceIsLowerCased() {
        Map<String, String> m = Map.of("Managed-By", "APIM-DNS-SYNC", "OWNER-ID", "team-a", "Instance",
                I.toUpperCase());
        assertEquals(Optional.of(new Ownership("apim-dns-sync", "team-a", I)), Ownership.fromMetadata(m));
    }

    @Test
    void missingFieldsReadAsEmpty() {
        assertEquals(Optional.of(new Ownership("apim-dns-sync", "", "")),
                Ownership.fromMetadata(Map.of("managed-by", "apim-dns-sync")));
    }

    @Test
    void notOursAtAll() {
        assertEquals(Optional.empty(), Ownership.fromMetadata(null));
        assertEquals(Optional.empty(), Ownership.fromMetadata(Map.of()));
        assertEquals(Optional.empty(), Ownership.fromMetadata(Map.of("owner", "web-team")));
        assertEquals(Optional.empty(), Ownership.fromMetadata(Map.of("managed-by", "external-dns", "owner-id",
                "team-a", "instance", I)));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("managed-by", null);
        assertEquals(Optional.empty(), Ownership.fromMetadata(nullValue));
    }

    @Test
    void aRecordIsOwnedByADeploymentAndAnInstance() {
        ZoneRef z = new ZoneRef("azure", "/zones/a", "contoso.com");
        CurrentRecord ours = new CurrentRecord(z, "API", List.of("10.0.0.2", "10.0.0.1", "10.0.0.2"), 300,
                Optional.empty(), Optional.of(Ownership.of("team-a", I)), Map.of());
        assertEquals("api", ours.relativeName());
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), ours.ips(), "sorted, without duplicates");
        assertEquals("api.contoso.com", ours.fqdn());
        assertTrue(ours.ownedBy("team-a"));
        assertFalse(ours.ownedBy("team-b"));
        assertTrue(ours.ownedBy("team-a", I));
        assertFalse(ours.ownedBy("team-a", I + "x"));
        assertFalse(ours.ownedBy("team-b", I));
        CurrentRecord foreign = new CurrentRecord(z, "@", List.of("10.0.0.1"), 300, Optional.empty(),
                Optional.empty(), Map.of());
        assertEquals("contoso.com", foreign.fqdn());
        assertFalse(foreign.ownedBy("team-a"));
        assertFalse(foreign.ownedBy("team-a", I));
    }

    @Test
    void aFindingNeverCarriesNulls() {
        Finding f = Finding.of(Finding.Kind.HELD, null, null, null, "m");
        assertEquals(List.of("", "", "", ""), List.of(f.instance(), f.name(), f.zone(), f.provider()));
        Finding g = Finding.of(Finding.Kind.HELD, "i", "n", "z", "m");
        assertEquals(List.of("i", "n", "z", ""), List.of(g.instance(), g.name(), g.zone(), g.provider()));
        ZoneRef z = new ZoneRef("rfc2136:dc1", "rfc2136:dc1|contoso.com", "contoso.com");
        Finding in = Finding.in(z, Finding.Kind.CONFLICT, null, null, "m");
        assertEquals(List.of("", "", "contoso.com", "rfc2136:dc1"), List.of(in.instance(), in.name(), in.zone(),
                in.provider()));
        Finding named = Finding.in(z, Finding.Kind.CONFLICT, "i", "n", "m");
        assertEquals(List.of("i", "n"), List.of(named.instance(), named.name()));
    }
}
