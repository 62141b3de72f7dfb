package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.rfc2136.Rfc2136Provider;
import io.apimdnssync.reconcile.ReconcileReport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** RFC 2136 with TSIG against a real BIND 9 on loopback; every outcome checked with real DNS queries. */
@QuarkusTest
@TestProfile(Rfc2136Test.WithBind.class)
class Rfc2136Test extends SandboxTestBase {
    static final String ZONE = "contoso.com";

    public static class WithBind implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BindResource.class));
        }
    }

    /** Back to the zone's initial content: whatever a previous test wrote or took over goes. */
    @org.junit.jupiter.api.BeforeEach
    void resetZone() throws Exception {
        org.xbill.DNS.ZoneTransferIn xfr = org.xbill.DNS.ZoneTransferIn.newAXFR(Name.fromString(ZONE + "."),
                "127.0.0.1",
                BindResource.port,
                new TSIG(TSIG.HMAC_SHA256, Name.fromString(BindResource.KEY + "."), BindResource.SECRET));
        xfr.run();
        Update u = new Update(Name.fromString(ZONE + "."));
        Set<Name> keep = Set.of(Name.fromString(ZONE + "."), Name.fromString("ns1." + ZONE + "."));
        xfr.getAXFR().stream().map(Record::getName).distinct().filter(n -> !keep.contains(n)).forEach(u::delete);
        u.add(new ARecord(Name.fromString("portal." + ZONE + "."), DClass.IN, 300, InetAddress.getByName("10.9.9.9")));
        assertEquals(Rcode.NOERROR, bind(true).send(u).getRcode());
    }

    static SimpleResolver bind(boolean signed) throws Exception {
        SimpleResolver r = new SimpleResolver(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), BindResource.port));
        r.setTCP(true);
        r.setTimeout(Duration.ofSeconds(2));
        if (signed) {
            r.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, Name.fromString(BindResource.KEY + "."), BindResource.SECRET));
        }
        return r;
    }

    static List<String> a(String fqdn) throws Exception {
        Message m = bind(false)
                .send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), Type.A, DClass.IN)));
        return m.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).sorted().toList();
    }

    static List<String> txt(String fqdn) throws Exception {
        Message m = bind(false)
                .send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), Type.TXT, DClass.IN)));
        return m.getSection(Section.ANSWER).stream().filter(TXTRecord.class::isInstance)
                .flatMap(r -> ((TXTRecord) r).getStrings().stream()).toList();
    }

    static long serial() throws Exception {
        Message m = bind(false)
                .send(Message.newQuery(Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN)));
        return ((SOARecord) m.getSection(Section.ANSWER).get(0)).getSerial();
    }

    static String dig(String name) throws Exception {
        Process p = new ProcessBuilder("dig", "+short", "-p", Integer.toString(BindResource.port), "@127.0.0.1", name,
                "A")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    @Test
    void createUpdateDeleteAndNoUpdateAtSteadyState() throws Exception {
        ReconcileReport first = sandbox.pass();
        assertEquals(List.of("10.1.0.10"), a("api.contoso.com"));
        org.junit.jupiter.api.Assertions.assertTrue(Management.given().get("/q/metrics").asString()
                .contains("apim_dns_sync_dns_updates_total{rcode=\"NOERROR\""), "the UPDATE is counted");
        assertEquals("10.1.0.10", dig("api.contoso.com"));
        assertEquals(List.of("managed-by=apim-dns-sync", "owner-id=apim-dns-sync", "instance=" + SandboxDriver.CONTOSO),
                txt("_apim-dns-sync.api.contoso.com"));
        assertTrue(first.applied().stream().anyMatch(c -> c.zone().provider().equals("rfc2136:bind")));

        long serial = serial();
        ReconcileReport steady = sandbox.pass();
        assertEquals(List.of(), steady.planned());
        assertEquals(serial, serial(), "no UPDATE message at steady state");

        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\",\"2\"],\"delaySeconds\":0.2}");
        ReconcileReport change = sandbox.pass();
        assertEquals(List.of(sandbox.primaryPrivate()), a("api.contoso.com"), "BIND updated");
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(ZONE, "api"),
                "and the Azure zone, in the same pass");
        assertEquals(2, change.applied().stream().filter(c -> c.fqdn().equals("api.contoso.com")).count());
        assertEquals(serial + 1, serial(), "one UPDATE message for the zone");

        sandbox.deleteService("contoso");
        sandbox.pass();
        assertEquals(List.of(), a("api.contoso.com"));
        assertEquals(List.of(), txt("_apim-dns-sync.api.contoso.com"));
        assertEquals(List.of("10.9.9.9"), a("portal.contoso.com"), "the foreign record stays");
    }

    @Test
    void foreignRecordOfTheSameNameIsAConflictAndUntouched() throws Exception {
        ReconcileReport r = sandbox.pass();
        assertEquals(List.of("10.9.9.9"), a("portal.contoso.com"));
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.CONFLICT
                && f.name().equals("portal.contoso.com") && f.zone().equals(ZONE) && f.provider().equals("rfc2136:bind")
                && f.message().contains("not owned")), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.CONFLICT
                && f.name().equals("portal.contoso.com") && f.provider().equals("azure-private-dns")),
                "the Azure zone has its own foreign record of that name");
    }

    @Test
    void foreignChangeBetweenReadAndWriteFailsThePrerequisiteAndIsNotClobbered() throws Exception {
        sandbox.pass();
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"3\"],\"delaySeconds\":0.2}");
        Rfc2136Provider target = target(Optional
                .of(new DnsServerSettings.TsigKey(BindResource.KEY, io.apimdnssync.config.TsigAlgorithm.HMAC_SHA256,
                        BindResource.SECRET)));
        ZoneRef zone = target.zones().get(0);
        CurrentRecord before = target.list(zone, Set.of("api"), io.apimdnssync.arm.Priority.KEYED).stream()
                .filter(c -> c.relativeName().equals("api"))
                .findFirst().orElseThrow();
        Change update = new Change(Change.Action.UPDATE, zone, "api", SandboxDriver.CONTOSO,
                List.of(sandbox.primaryPrivate()),
                300, Optional.of(before));
        // Someone takes the name over between our read and our write.
        Update foreign = new Update(Name.fromString(ZONE + "."));
        foreign.replace(
                new ARecord(Name.fromString("api." + ZONE + "."), DClass.IN, 60, InetAddress.getByName("10.66.66.66")));
        foreign.delete(Name.fromString("_apim-dns-sync.api." + ZONE + "."), Type.TXT);
        assertEquals(Rcode.NOERROR, bind(true).send(foreign).getRcode());

        ApplyResult r = target.apply(zone, List.of(update));
        assertEquals(List.of(update), r.stale(), "the prerequisite failed");
        assertEquals(List.of("10.66.66.66"), a("api.contoso.com"));

        ReconcileReport pass = sandbox.pass();
        assertEquals(List.of("10.66.66.66"), a("api.contoso.com"),
                "re-read, re-planned: now a conflict, not clobbered");
        assertTrue(pass.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.CONFLICT
                && f.name().equals("api.contoso.com") && f.zone().equals(ZONE) && f.message().contains("10.66.66.66")));
    }

    Rfc2136Provider target(Optional<DnsServerSettings.TsigKey> key) {
        return new Rfc2136Provider(new DnsServerSettings("probe", "127.0.0.1", BindResource.port, List.of(ZONE),
                io.apimdnssync.config.Transport.TCP,
                Duration.ofSeconds(2), io.apimdnssync.config.ReadMode.AUTO, key), "apim-dns-sync");
    }

    @Test
    void readsByAxfrWhereAllowedElseByPerNameQueriesAndSaysWhich() {
        Rfc2136Provider signed = target(Optional
                .of(new DnsServerSettings.TsigKey(BindResource.KEY, io.apimdnssync.config.TsigAlgorithm.HMAC_SHA256,
                        BindResource.SECRET)));
        ZoneRef zone = signed.zones().get(0);
        List<CurrentRecord> all = signed.list(zone, Set.of(), io.apimdnssync.arm.Priority.KEYED);
        assertTrue(all.stream().anyMatch(c -> c.relativeName().equals("portal")), "AXFR sees the whole zone");
        assertEquals("axfr", signed.status().zones().get(ZONE).readVia());

        Rfc2136Provider unsigned = target(Optional.empty()); // BIND allows transfers to the key only
        List<CurrentRecord> some = unsigned.list(zone, Set.of("portal", "nothing-here"),
                io.apimdnssync.arm.Priority.KEYED);
        assertEquals(List.of("portal"), some.stream().map(CurrentRecord::relativeName).toList());
        assertEquals(List.of("10.9.9.9"), some.get(0).ips());
        assertEquals("per-name queries", unsigned.status().zones().get(ZONE).readVia());
    }

    @Test
    void wrongKeyAndUnsignedUpdatesAreClearErrors() {
        Change create = new Change(Change.Action.CREATE, new ZoneRef("rfc2136:probe", "rfc2136:probe|" + ZONE, ZONE),
                "probe", SandboxDriver.CONTOSO, List.of("10.5.5.5"), 300, Optional.empty());
        ApplyResult badSecret = target(Optional
                .of(new DnsServerSettings.TsigKey(BindResource.KEY, io.apimdnssync.config.TsigAlgorithm.HMAC_SHA256,
                        "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=")))
                .apply(create.zone(), List.of(create));
        assertTrue(badSecret.failed().get(0).error().contains("NOTAUTH/BADSIG"), badSecret.failed().get(0).error());
        ApplyResult badName = target(
                Optional.of(new DnsServerSettings.TsigKey("nobody", io.apimdnssync.config.TsigAlgorithm.HMAC_SHA256,
                        BindResource.SECRET)))
                .apply(create.zone(), List.of(create));
        assertTrue(badName.failed().get(0).error().contains("NOTAUTH/BADKEY"), badName.failed().get(0).error());
        ApplyResult unsigned = target(Optional.empty()).apply(create.zone(), List.of(create));
        assertTrue(unsigned.failed().get(0).error().contains("REFUSED")
                && unsigned.failed().get(0).error().contains("unsigned"), unsigned.failed().get(0).error());
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Rfc2136Provider target = new Rfc2136Provider(
                    new DnsServerSettings("silent", "127.0.0.1", silent.getLocalPort(),
                            List.of(ZONE), io.apimdnssync.config.Transport.TCP, Duration.ofMillis(500),
                            io.apimdnssync.config.ReadMode.QUERY, Optional.empty()),
                    "apim-dns-sync");
            io.apimdnssync.provider.ProviderException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.apimdnssync.provider.ProviderException.class,
                    () -> target.list(target.zones().get(0), Set.of("api"), io.apimdnssync.arm.Priority.KEYED));
            assertTrue(e.getMessage().contains("timeout after 500 ms"), e.getMessage());
        }
    }

    @Test
    void serverDownIsReportedAzureStillUpdatedAndRecoveryWhenItReturns() throws Exception {
        sandbox.pass();
        BindResource.primary.stop();
        try {
            sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"1\"],\"delaySeconds\":0.2}");
            ReconcileReport down = sandbox.pass();
            assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(ZONE, "api"), "Azure zones still updated");
            assertTrue(down.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ZONE_UNAVAILABLE
                    && f.zone().equals(ZONE) && f.message().contains("connection refused")),
                    down.findings().toString());
            Management.given().get("/api/v1/servers").then().statusCode(200)
                    .body("find { it.server == 'bind' }.zones.'contoso.com'.lastRead",
                            org.hamcrest.Matchers.containsString("connection refused"));
        } finally {
            BindResource.restartPrimary();
        }
        sandbox.pass();
        assertEquals(List.of(sandbox.primaryPrivate()), a("api.contoso.com"), "recovered");
    }

    @jakarta.inject.Inject
    io.apimdnssync.drift.DnsSweep sweep;
    @jakarta.inject.Inject
    io.apimdnssync.drift.DriftEpisodes drift;
    @jakarta.inject.Inject
    io.apimdnssync.reconcile.StatusStore status;

    /** Until the instance's latest report is newer than {@code since}: the keyed pass the sweep enqueued ran. */
    void awaitPassAfter(java.time.Instant since) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> status.instances().stream()
                .anyMatch(r -> r.instance().equalsIgnoreCase(SandboxDriver.CONTOSO) && r.at().isAfter(since)));
    }

    /**
     * The DNS sweep asks BIND itself (with the key) for its zone's names and the client resolvers (here BIND and a
     * stale copy of the zone) for every name: a record deleted out of band on BIND is found by one sweep with no
     * ARM resync, and the keyed pass it enqueues puts it back; the stale resolver's answer, which no pass explains,
     * becomes a resolution-mismatch item, and is not chased again.
     */
    @Test
    void theSweepFindsAnOutOfBandDeletionOnBindAndAStaleResolver() throws Exception {
        sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\",\"3\"],\"delaySeconds\":0.2}");
        sandbox.pass();
        // The update's completion event enqueues a pass of its own: let it run before changing the zone behind it.
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> queue.depth().keyed() == 0 && queue.depth().running() == 0);
        String desired = sandbox.primaryPrivate();
        assertEquals(List.of(desired), a("api.contoso.com"));
        Update u = new Update(Name.fromString(ZONE + "."));
        u.delete(Name.fromString("api." + ZONE + "."), Type.A);
        assertEquals(Rcode.NOERROR, bind(true).send(u).getRcode());
        assertEquals(List.of(), a("api.contoso.com"));

        java.time.Instant firstSweep = java.time.Instant.now();
        io.apimdnssync.drift.DnsSweep.Result first = sweep.sweep();
        assertEquals(Set.of(SandboxDriver.CONTOSO.toLowerCase(java.util.Locale.ROOT)), first.enqueued());
        assertTrue(first.mismatches().stream().anyMatch(m -> m.endpoint().equals("rfc2136:bind")
                && m.fqdn().equals("api.contoso.com") && m.answer().addresses().isEmpty()), first.toString());
        awaitPassAfter(firstSweep);
        assertEquals(List.of(desired), a("api.contoso.com"), "repaired by the pass the sweep enqueued");

        String stale = "resolver 127.0.0.1:" + BindResource.stalePort;
        // The stale resolver's answer was chased once (a pass found the zone right and left the name alone): from
        // then on it is a resolution-mismatch item, and no further pass is enqueued for it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            sweep.sweep();
            return drift.open().stream().anyMatch(i -> i.name().equals("api.contoso.com")
                    && i.target().equals(stale));
        });
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> queue.depth().keyed() == 0 && queue.depth().running() == 0);
        io.apimdnssync.drift.DnsSweep.Result again = sweep.sweep();
        assertEquals(Set.of(), again.enqueued(), "the stale answer is not chased again: " + again);
        List<io.apimdnssync.drift.DriftItem> mismatch = drift.open().stream()
                .filter(i -> i.name().equals("api.contoso.com")).toList();
        assertEquals(1, mismatch.size(), mismatch.toString());
        assertEquals(io.apimdnssync.drift.DriftKind.RESOLUTION_MISMATCH, mismatch.get(0).kind());
        assertEquals(stale, mismatch.get(0).target());
        assertEquals(desired, mismatch.get(0).expected());
        assertEquals("10.1.0.10", mismatch.get(0).actual());
    }
}
