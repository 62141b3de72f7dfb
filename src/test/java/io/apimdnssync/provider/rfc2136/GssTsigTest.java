package io.apimdnssync.provider.rfc2136;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.ReadMode;
import io.apimdnssync.config.Transport;
import io.apimdnssync.it.KerberosRealm;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.ProviderException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GSS-TSIG (RFC 3645) against a real MIT Kerberos KDC and a real BIND 9 accepting GSS-TSIG, both on loopback in a
 * throw-away realm (KerberosRealm). The JDK's own Kerberos; nothing is mocked. Records are checked with dig.
 */
class GssTsigTest {
    static final String ZONE = "gss.example";
    static final String OTHER_ZONE = "refused.example";
    static KerberosRealm realm;
    static int bind;
    static int refusingBind;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(KerberosRealm.available(), "MIT Kerberos is not installed: apt-get install -y krb5-kdc "
                + "krb5-admin-server faketime (src/test/setup/ensure-bind.sh does it where the build may)");
        realm = KerberosRealm.create(); // the daemon finds its KDC through gss.kdc (no krb5.conf of the realm's)
        bind = realm.startBind(ZONE, KerberosRealm.DAEMON);
        refusingBind = realm.startBind(OTHER_ZONE, "somebody-else");
    }

    @AfterAll
    static void stop() throws Exception {
        if (realm != null) {
            realm.close();
        }
    }

    static DnsServerSettings server(String name, int port, String zone, String principal, Optional<String> password,
            Optional<Path> keytab, Duration lifetime) {
        return new DnsServerSettings(name, "127.0.0.1", port, List.of(zone), Transport.TCP, Duration.ofSeconds(5),
                ReadMode.AUTO, Optional.empty(), Optional.of(new DnsServerSettings.Kerberos(realm.realm(),
                        principal + "@" + realm.realm(), keytab.map(Path::toString), password,
                        Optional.of(realm.kdc()), KerberosRealm.HOST, lifetime)));
    }

    static DnsServerSettings withRead(DnsServerSettings s, ReadMode read) {
        return new DnsServerSettings(s.name(), s.address(), s.port(), s.zones(), s.transport(), s.timeout(), read,
                s.tsig(), s.gss());
    }

    static Rfc2136Provider provider(DnsServerSettings s, SimpleMeterRegistry registry) {
        return new Rfc2136Provider(s, "owner-1", registry);
    }

    static Rfc2136Provider daemon(SimpleMeterRegistry registry) {
        return provider(server("gss", bind, ZONE, KerberosRealm.DAEMON, Optional.of(KerberosRealm.DAEMON_PASSWORD),
                Optional.empty(), Duration.ofHours(1)), registry);
    }

    static List<String> dig(int port, String name, String type) throws Exception {
        Process p = new ProcessBuilder("dig", "+short", "+tcp", "@127.0.0.1", "-p", String.valueOf(port), name, type)
                .redirectErrorStream(true).start();
        p.waitFor(10, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes()).trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    static Change create(ZoneRef zone, String name, String ip) {
        return new Change(Change.Action.CREATE, zone, name, "/subscriptions/s/x", List.of(ip), 300, Optional.empty());
    }

    static double updates(SimpleMeterRegistry r) {
        return r.find("apim.dns.sync.dns.updates").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void createsUpdatesAndDeletesThroughGssTsigAndWritesNothingAtSteadyState() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Rfc2136Provider p = daemon(registry);
        ZoneRef zone = p.zones().get(0);

        ApplyResult created = p.apply(zone, List.of(create(zone, "api", "10.0.0.1")));
        assertEquals(1, created.applied().size(), created.toString());
        assertEquals(List.of("10.0.0.1"), dig(bind, "api." + ZONE, "A"));

        List<CurrentRecord> read = p.list(zone, Set.of("api"), Priority.KEYED);
        assertEquals(List.of("10.0.0.1"), read.get(0).ips());
        ApplyResult updated = p.apply(zone, List.of(new Change(Change.Action.UPDATE, zone, "api", "/subscriptions/s/x",
                List.of("10.0.0.2"), 300, Optional.of(read.get(0)))));
        assertEquals(1, updated.applied().size(), updated.toString());
        assertEquals(List.of("10.0.0.2"), dig(bind, "api." + ZONE, "A"));

        // Steady state: reading what is there plans nothing, so no UPDATE is sent.
        double before = updates(registry);
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of("10.0.0.2"), p.list(zone, Set.of("api"), Priority.KEYED).get(0).ips());
            assertEquals(ApplyResult.empty(), p.apply(zone, List.of()));
        }
        assertEquals(before, updates(registry));

        CurrentRecord now = p.list(zone, Set.of("api"), Priority.KEYED).get(0);
        ApplyResult deleted = p.apply(zone, List.of(new Change(Change.Action.DELETE, zone, "api", "/subscriptions/s/x",
                List.of(), 300, Optional.of(now))));
        assertEquals(1, deleted.applied().size(), deleted.toString());
        assertEquals(List.of(), dig(bind, "api." + ZONE, "A"));
        // The DNS sweep asks the server the same way: signed, verified.
        assertEquals("NXDOMAIN", p.ask("api." + ZONE, Duration.ofSeconds(5)).rcode());
    }

    @Test
    void aForeignChangeBetweenReadAndWriteFailsThePrerequisiteAndIsNotClobbered() throws Exception {
        Rfc2136Provider p = daemon(new SimpleMeterRegistry());
        ZoneRef zone = p.zones().get(0);
        assertEquals(1, p.apply(zone, List.of(create(zone, "race", "10.0.1.1"))).applied().size());
        CurrentRecord read = p.list(zone, Set.of("race"), Priority.KEYED).get(0);
        // Someone else (another GSS-TSIG client of the same principal) changes it after our read.
        Rfc2136Provider other = daemon(new SimpleMeterRegistry());
        assertEquals(1, other.apply(zone, List.of(new Change(Change.Action.UPDATE, zone, "race", "/subscriptions/s/x",
                List.of("10.0.1.9"), 300, Optional.of(read)))).applied().size());

        ApplyResult stale = p.apply(zone, List.of(new Change(Change.Action.UPDATE, zone, "race", "/subscriptions/s/x",
                List.of("10.0.1.2"), 300, Optional.of(read))));
        assertEquals(List.of(), stale.applied());
        assertEquals(1, stale.stale().size(), stale.toString());
        assertEquals(List.of("10.0.1.9"), dig(bind, "race." + ZONE, "A"));
    }

    @Test
    void failuresAreReportedInWordsForThatServerOnly() throws Exception {
        ZoneRef zone;
        // wrong password
        Rfc2136Provider wrong = provider(server("wrong", bind, ZONE, KerberosRealm.DAEMON,
                Optional.of("not-the-password"), Optional.empty(), Duration.ofHours(1)), new SimpleMeterRegistry());
        zone = wrong.zones().get(0);
        assertFailure(wrong, zone, "wrong password or keytab");
        // Tried again at once, the KDC would count every pass, retry and sweep against the account's lockout policy.
        long logins = realm.loginRequests();
        for (int i = 0; i < 5; i++) {
            assertFailure(wrong, zone, "wrong password or keytab");
        }
        assertEquals(logins, realm.loginRequests(), "no new login while backing off");
        // unknown principal
        Rfc2136Provider unknown = provider(server("unknown", bind, ZONE, "nobody", Optional.of("x"), Optional.empty(),
                Duration.ofHours(1)), new SimpleMeterRegistry());
        assertFailure(unknown, unknown.zones().get(0), "principal unknown");
        // a policy that does not grant this principal the zone
        Rfc2136Provider refused = provider(server("refusing", refusingBind, OTHER_ZONE, KerberosRealm.DAEMON,
                Optional.of(KerberosRealm.DAEMON_PASSWORD), Optional.empty(), Duration.ofHours(1)),
                new SimpleMeterRegistry());
        ApplyResult r = refused.apply(refused.zones().get(0), List.of(create(refused.zones().get(0), "api",
                "10.0.2.1")));
        assertTrue(r.failed().get(0).error().contains("REFUSED")
                && r.failed().get(0).error().contains("is not allowed to update this zone"), r.toString());
        // and the working server carries on beside them
        Rfc2136Provider fine = daemon(new SimpleMeterRegistry());
        ApplyResult beside = fine.apply(fine.zones().get(0), List.of(create(fine.zones().get(0), "beside",
                "10.0.3.1")));
        assertEquals(1, beside.applied().size(), beside.toString());
    }

    @Test
    void anUnreachableOrSkewedKdcIsNamed() throws Exception {
        try {
            realm.stopKdc();
            Rfc2136Provider down = daemon(new SimpleMeterRegistry());
            assertFailure(down, down.zones().get(0), "KDC unreachable");

            realm.startKdc(Duration.ofMinutes(-10));
            Rfc2136Provider skewed = daemon(new SimpleMeterRegistry());
            assertFailure(skewed, skewed.zones().get(0), "clock skew");
        } finally {
            realm.startKdc(Duration.ZERO);
        }
    }

    @Test
    void aKeytabWorksInsteadOfAPassword() throws Exception {
        realm.addPrincipal("apim-dns-sync-kt", "initial-password", "1 hour");
        int port = realm.startBind("keytab.example", "apim-dns-sync-kt");
        Path keytab = realm.keytab("apim-dns-sync-kt");
        Rfc2136Provider p = provider(server("keytab", port, "keytab.example", "apim-dns-sync-kt", Optional.empty(),
                Optional.of(keytab), Duration.ofHours(1)), new SimpleMeterRegistry());
        assertEquals(1, p.apply(p.zones().get(0), List.of(create(p.zones().get(0), "kt", "10.0.4.1"))).applied()
                .size());
        assertEquals(List.of("10.0.4.1"), dig(port, "kt.keytab.example", "A"));
    }

    static double negotiations(SimpleMeterRegistry r) {
        return r.find("apim.dns.sync.gss.negotiations").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static double negotiations(SimpleMeterRegistry r, String reason) {
        return r.find("apim.dns.sync.gss.negotiations").tag("reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    /** A principal of its own (password: its name + "-password") and a BIND granting it {@code zone}: its port. */
    static int ownPrincipalAndZone(String principal, String maxLife, String zone) throws Exception {
        realm.addPrincipal(principal, principal + "-password", maxLife);
        return realm.startBind(zone, principal);
    }

    static Rfc2136Provider providerOf(String principal, int port, String zone, SimpleMeterRegistry registry) {
        return provider(server(principal, port, zone, principal, Optional.of(principal + "-password"),
                Optional.empty(), Duration.ofHours(1)), registry);
    }

    @Test
    void theContextIsReusedAndRenewedBeforeItsTicketExpires() throws Exception {
        int port = ownPrincipalAndZone("apim-dns-sync-short", "20 seconds", "short.example");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Rfc2136Provider p = providerOf("apim-dns-sync-short", port, "short.example", registry);
        ZoneRef zone = p.zones().get(0);
        ApplyResult first = p.apply(zone, List.of(create(zone, "pass", "10.0.5.1")));
        assertEquals(1, first.applied().size(), first.toString());
        // A pass a second for as long as three 20 s tickets: every one succeeds, on few contexts.
        AtomicInteger passes = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    assertEquals(List.of("10.0.5.1"), p.list(zone, Set.of("pass"), Priority.KEYED).get(0).ips());
                    return passes.incrementAndGet() >= 30 && negotiations(registry) >= 3;
                });
        assertTrue(negotiations(registry) <= passes.get() / 5.0, negotiations(registry) + " contexts for " + passes
                + " passes: reused while valid");
        // Renewed before the server dropped them: no message was ever refused for an expired context.
        assertEquals(0.0, negotiations(registry, "rejected"));
        assertTrue(negotiations(registry, "renewal") >= 2, "renewed: " + negotiations(registry, "renewal"));
    }

    @Test
    void aServerThatForgotTheContextGetsANewOneOnce() throws Exception {
        int port = ownPrincipalAndZone("apim-dns-sync-restart", "1 hour", "restart.example");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Rfc2136Provider p = providerOf("apim-dns-sync-restart", port, "restart.example", registry);
        ZoneRef zone = p.zones().get(0);
        assertEquals(1, p.apply(zone, List.of(create(zone, "a", "10.0.6.1"))).applied().size());
        assertEquals(1.0, negotiations(registry));
        realm.restartBind(port); // BIND forgets the context: the next message gets NOTAUTH (BADKEY)
        assertEquals(1, p.apply(zone, List.of(create(zone, "b", "10.0.6.2"))).applied().size());
        assertEquals(2.0, negotiations(registry));
        assertEquals(1.0, negotiations(registry, "rejected"));
        assertEquals(List.of("10.0.6.2"), dig(port, "b.restart.example", "A"));
    }

    @Test
    void aSignedTransferOfManyMessagesIsVerifiedAndARefusedOneFallsBackToQueries() throws Exception {
        realm.addPrincipal("apim-dns-sync-axfr", "axfr-password", "1 hour");
        int port = realm.startTransferableBind("axfr.example", "apim-dns-sync-axfr", 5000);
        Rfc2136Provider p = provider(withRead(server("axfr", port, "axfr.example", "apim-dns-sync-axfr",
                Optional.of("axfr-password"), Optional.empty(), Duration.ofHours(1)), ReadMode.AXFR),
                new SimpleMeterRegistry());
        ZoneRef zone = p.zones().get(0);
        assertEquals(1, p.apply(zone, List.of(create(zone, "api", "10.0.7.1"))).applied().size());
        // 5 000 hosts do not fit one 64 KB message: the transfer comes in several, each signature verified.
        var contents = p.read(zone, Set.of("api"), Priority.RESYNC);
        assertTrue(contents.wholeZone());
        assertEquals(5001, contents.records().size());
        assertEquals(List.of("10.0.7.1"), contents.records().stream().filter(r -> r.relativeName().equals("api"))
                .findFirst().orElseThrow().ips());
        assertTrue(p.status().zones().get("axfr.example").readVia().equals("axfr"), p.status().toString());

        // A server that refuses transfers: read=auto falls back to signed queries.
        Rfc2136Provider auto = daemon(new SimpleMeterRegistry());
        ZoneRef gssZone = auto.zones().get(0);
        assertEquals(1, auto.apply(gssZone, List.of(create(gssZone, "auto", "10.0.7.2"))).applied().size());
        var read = auto.read(gssZone, Set.of("auto"), Priority.RESYNC);
        assertFalse(read.wholeZone());
        assertEquals(List.of("10.0.7.2"), read.records().get(0).ips());
        assertEquals("per-name queries", auto.status().zones().get(ZONE).readVia());
    }

    static void assertFailure(Rfc2136Provider p, ZoneRef zone, String words) {
        ApplyResult r = p.apply(zone, List.of(create(zone, "api", "10.0.9.9")));
        assertEquals(List.of(), r.applied());
        assertTrue(r.failed().get(0).error().contains(words), r.failed().get(0).error());
        ProviderException read = assertThrows(ProviderException.class,
                () -> p.list(zone, Set.of("api"), Priority.KEYED));
        assertTrue(read.getMessage().contains(words), read.getMessage());
        assertTrue(read.getMessage().contains("not tried again before"), read.getMessage());
        assertFalse(read.getMessage().contains("not-the-password"), "no secret in a message");
    }
}
