package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.ReadMode;
import io.apimdnssync.config.Transport;
import io.apimdnssync.config.TsigAlgorithm;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.CurrentRecord;
import io.apimdnssync.plan.Ownership;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.DnsProvider;
import io.apimdnssync.provider.NameAnswer;
import io.apimdnssync.provider.NameLookup;
import io.apimdnssync.provider.ProviderException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * A custom DNS server (BIND, Windows DNS, Infoblox, PowerDNS …) updated with RFC 2136 dynamic updates, signed with
 * TSIG. Reads a zone by AXFR where allowed, else by per-name queries; writes one UPDATE message per zone, whose
 * prerequisites make a concurrent change fail the update (YXRRSET/NXRRSET) instead of being clobbered.
 */
public final class Rfc2136Provider implements DnsProvider {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Rfc2136Provider.class);
    private final DnsServerSettings server;
    private final String ownerId;
    private final Optional<TSIG> tsig;
    private final Optional<GssTsigSession> gss;
    private final Map<String, ServerStatus.ZoneResult> status = new ConcurrentHashMap<>();
    /** When the server last refused a transfer (read=auto): per-name queries until {@link #AXFR_RETRY} has passed. */
    private volatile Optional<Instant> axfrRefusedAt = Optional.empty();
    static final Duration AXFR_RETRY = Duration.ofHours(1);

    private final Clock clock;

    private final MeterRegistry registry;

    public Rfc2136Provider(DnsServerSettings server, String ownerId) {
        this(server, ownerId, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    public Rfc2136Provider(DnsServerSettings server, String ownerId, MeterRegistry registry) {
        this(server, ownerId, Clock.systemUTC(), registry);
    }

    Rfc2136Provider(DnsServerSettings server, String ownerId, Clock clock, MeterRegistry registry) {
        this.server = server;
        this.ownerId = ownerId;
        this.clock = clock;
        this.registry = registry;
        this.tsig = server.tsig().map(k -> new TSIG(algorithm(k.algorithm()), absolute(k.name()), k.secret()));
        this.gss = server.gss().map(k -> new GssTsigSession(server, clock, reason -> Counter
                .builder("apim.dns.sync.gss.negotiations")
                .description("GSS-TSIG security contexts negotiated, by why (first, renewal, rejected)")
                .tags("server", server.name(), "reason", reason.name().toLowerCase(Locale.ROOT)).register(registry)
                .increment()));
    }

    static Name algorithm(TsigAlgorithm algorithm) {
        return switch (algorithm) {
            case HMAC_SHA1 -> TSIG.HMAC_SHA1;
            case HMAC_SHA224 -> TSIG.HMAC_SHA224;
            case HMAC_SHA256 -> TSIG.HMAC_SHA256;
            case HMAC_SHA384 -> TSIG.HMAC_SHA384;
            case HMAC_SHA512 -> TSIG.HMAC_SHA512;
        };
    }

    @Override
    public String name() {
        return "rfc2136:" + server.name();
    }

    @Override
    public List<ZoneRef> zones() {
        return server.zones().stream().map(z -> new ZoneRef(name(), name() + "|" + z, z)).toList();
    }

    @Override
    public boolean listsWholeZones() {
        return server.read() == ReadMode.AXFR || (server.read() == ReadMode.AUTO
                && axfrRefusedAt.map(at -> at.plus(AXFR_RETRY).isBefore(clock.instant())).orElse(true));
    }

    public ServerStatus status() {
        return new ServerStatus(server.name(), server.address() + ":" + server.port(),
                server.read().name().toLowerCase(Locale.ROOT), Map.copyOf(status));
    }

    @Override
    public List<CurrentRecord> list(ZoneRef zone, Set<String> names, Priority priority) {
        return read(zone, names, priority).records();
    }

    @Override
    public Contents read(ZoneRef zone, Set<String> names, Priority priority) {
        try {
            if (listsWholeZones()) {
                try {
                    List<CurrentRecord> out = axfr(zone);
                    note(zone, "ok: " + out.size() + " A record sets", "axfr", null);
                    return new Contents(out, true);
                } catch (ZoneTransferException e) {
                    if (server.read() == ReadMode.AXFR || String.valueOf(e.getMessage()).contains("TSIG")) {
                        // A transfer whose signature does not verify is an error, never a reason to stop asking.
                        throw new ProviderException(describe("AXFR of " + zone.name(), e), e);
                    }
                    // The server does not allow transfers: per-name queries, and a transfer again in an hour (only
                    // a whole-zone read finds orphans after a restart).
                    axfrRefusedAt = Optional.of(clock.instant());
                }
            }
            if (names.isEmpty()) {
                return new Contents(List.of(), false); // nothing asked, nothing learnt: the status keeps what it says
            }
            List<CurrentRecord> out = query(zone, names);
            note(zone, "ok: " + out.size() + " A record sets of " + names.size() + " names", "per-name queries", null);
            return new Contents(out, false);
        } catch (UnverifiedAnswer e) {
            note(zone, e.getMessage(), "", null);
            throw new ProviderException("read zone " + zone.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            note(zone, describe("read " + zone.name(), e), "", null);
            throw new ProviderException(describe("read zone " + zone.name() + " on " + server.name(), e), e);
        } catch (ProviderException e) {
            note(zone, e.getMessage(), "", null);
            throw e;
        }
    }

    private List<CurrentRecord> axfr(ZoneRef zone) throws IOException, ZoneTransferException {
        if (gss.isPresent()) {
            return toRecords(zone, gss.get().transfer(absolute(zone.name())));
        }
        ZoneTransferIn xfr = ZoneTransferIn.newAXFR(absolute(zone.name()),
                new InetSocketAddress(InetAddress.getByName(server.address()), server.port()), tsig.orElse(null));
        xfr.setTimeout(server.timeout());
        xfr.run();
        return toRecords(zone, xfr.getAXFR());
    }

    private List<CurrentRecord> query(ZoneRef zone, Set<String> names) throws IOException {
        List<Record> found = new ArrayList<>();
        for (String rel : names) {
            for (var q : List.of(Map.entry(rel, Type.A), Map.entry(OwnershipTxt.ownerName(rel), Type.TXT))) {
                Message resp = send(Message.newQuery(Record.newRecord(fqdn(zone, q.getKey()), q.getValue(),
                        DClass.IN)), "query " + q.getKey());
                int rcode = resp.getRcode();
                if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
                    throw new IOException("query " + q.getKey() + " answered " + Rcode.string(rcode));
                }
                found.addAll(resp.getSection(Section.ANSWER));
            }
        }
        return toRecords(zone, found);
    }

    private List<CurrentRecord> toRecords(ZoneRef zone, List<Record> records) {
        Name origin = absolute(zone.name());
        Map<String, List<String>> a = new LinkedHashMap<>();
        Map<String, Long> ttl = new HashMap<>();
        Map<String, List<String>> owners = new HashMap<>();
        for (Record rec : records) {
            String rel = relative(rec.getName(), origin);
            if (rec instanceof ARecord ar) {
                a.computeIfAbsent(rel, k -> new ArrayList<>()).add(ar.getAddress().getHostAddress());
                ttl.put(rel, rec.getTTL());
            } else if (rec instanceof TXTRecord txt) {
                OwnershipTxt.recordName(rel).ifPresent(n -> owners.put(n, List.copyOf(txt.getStrings())));
            }
        }
        List<CurrentRecord> out = new ArrayList<>();
        a.forEach((rel, ips) -> {
            List<String> strings = owners.getOrDefault(rel, List.of());
            Map<String, String> meta = OwnershipTxt.parse(strings);
            out.add(new CurrentRecord(zone, rel, ips, ttl.get(rel),
                    strings.isEmpty() ? Optional.empty() : Optional.of(String.join("\u0000", strings)),
                    Ownership.fromMetadata(meta), meta));
        });
        return out;
    }

    @Override
    public ApplyResult apply(ZoneRef zone, List<Change> changes) {
        if (changes.isEmpty()) {
            return ApplyResult.empty();
        }
        Update update = new Update(absolute(zone.name()));
        for (Change c : changes) {
            Name name = fqdn(zone, c.relativeName());
            Name owner = fqdn(zone, OwnershipTxt.ownerName(c.relativeName()));
            switch (c.action()) {
                case CREATE -> {
                    update.absent(name, Type.A);
                    update.delete(owner, Type.TXT);
                    update.add(ownership(owner, c));
                    c.ips().forEach(ip -> update.add(a(name, c.ttl(), ip)));
                }
                case UPDATE -> {
                    prerequisites(update, name, owner, c);
                    update.delete(name, Type.A);
                    c.ips().forEach(ip -> update.add(a(name, c.ttl(), ip)));
                }
                case DELETE -> {
                    prerequisites(update, name, owner, c);
                    update.delete(name, Type.A);
                    update.delete(owner, Type.TXT);
                }
            }
        }
        try {
            Message resp = send(update, "UPDATE of zone " + zone.name());
            int rcode = resp.getRcode();
            updates(Rcode.string(rcode));
            if (rcode == Rcode.NOERROR) {
                note(zone, null, null, "ok: " + changes.size() + " change(s) in one UPDATE");
                return new ApplyResult(List.copyOf(changes), List.of(), List.of());
            }
            if (rcode == Rcode.YXRRSET || rcode == Rcode.NXRRSET || rcode == Rcode.YXDOMAIN
                    || rcode == Rcode.NXDOMAIN) {
                note(zone, null, null,
                        "prerequisite failed (" + Rcode.string(rcode) + "): changed since read, re-reading");
                return new ApplyResult(List.of(), List.copyOf(changes), List.of());
            }
            String why = "UPDATE of zone " + zone.name() + " on " + server.name() + " refused: " + explain(resp);
            note(zone, null, null, why);
            return ApplyResult.allFailed(changes, why);
        } catch (UnverifiedAnswer e) {
            updates("UNVERIFIED");
            note(zone, null, null, e.getMessage());
            return ApplyResult.allFailed(changes, e.getMessage());
        } catch (IOException e) {
            updates("NO_ANSWER");
            String why = describe("UPDATE of zone " + zone.name() + " on " + server.name(), e);
            note(zone, null, null, why);
            return ApplyResult.allFailed(changes, why);
        }
    }

    /** {@code apim_dns_sync_dns_updates_total{server,rcode}}: servers are configured, rcodes a fixed set. */
    private void updates(String rcode) {
        Counter.builder("apim.dns.sync.dns.updates").description("RFC 2136 UPDATE messages by server and answer")
                .tags("server", server.name(), "rcode", rcode).register(registry).increment();
    }

    /** One exchange, signed as the server's authentication says, its answer's signature checked. */
    private Message send(Message m, String what) throws IOException {
        if (gss.isPresent()) {
            GssTsigSession.Answer a = gss.get().send(m);
            if (a.unverified().isPresent() && a.message().getRcode() != Rcode.NOTAUTH) {
                throw new UnverifiedAnswer(what + " on " + server.name() + ": the answer ("
                        + Rcode.string(a.message().getRcode()) + ") is not believed: " + a.unverified().get()
                        + " (forged or altered on the way, or the server does not sign its answers)");
            }
            return a.message();
        }
        return verified(resolver().send(m), what);
    }

    /**
     * With a TSIG key every answer must carry a signature that verifies against the request (dnsjava checks it but
     * leaves the verdict on the message): an unsigned or badly signed NOERROR could be forged and is not believed.
     * A NOTAUTH answer cannot be signed (the server did not accept our key) and is explained as such by the caller.
     */
    private Message verified(Message resp, String what) throws UnverifiedAnswer {
        if (tsig.isPresent() && !resp.isVerified() && resp.getRcode() != Rcode.NOTAUTH) {
            throw new UnverifiedAnswer(what + " on " + server.name() + ": the answer ("
                    + Rcode.string(resp.getRcode()) + ") " + (resp.getTSIG() == null ? "is not signed"
                            : "carries a TSIG signature that does not verify")
                    + " with key " + server.tsig().orElseThrow().name()
                    + ": not believed (forged or altered on the way, or the server does not sign its answers)");
        }
        return resp;
    }

    /** An answer whose TSIG signature is missing or wrong. */
    static final class UnverifiedAnswer extends IOException {
        UnverifiedAnswer(String message) {
            super(message);
        }
    }

    private void prerequisites(Update update, Name name, Name owner, Change c) {
        CurrentRecord before = c.before().orElseThrow();
        before.ips().forEach(ip -> update.present(a(name, 0, ip)));
        before.version().ifPresent(v -> update.present(new TXTRecord(owner, DClass.IN, 0, List.of(v.split("\u0000")))));
    }

    private TXTRecord ownership(Name owner, Change c) {
        return new TXTRecord(owner, DClass.IN, c.ttl(), OwnershipTxt.strings(Ownership.of(ownerId, c.instance())));
    }

    private static ARecord a(Name name, long ttl, String ip) {
        try {
            return new ARecord(name, DClass.IN, ttl, InetAddress.getByName(ip));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + ip, e);
        }
    }

    /** NOTAUTH/BADSIG/BADKEY, REFUSED, NOTZONE, SERVFAIL … in words a user can act on. */
    private String explain(Message resp) {
        int rcode = resp.getRcode();
        TSIGRecord t = resp.getTSIG();
        int tsigError = t == null ? Rcode.NOERROR : t.getError();
        String code = Rcode.string(rcode) + (tsigError != Rcode.NOERROR ? "/" + Rcode.TSIGstring(tsigError) : "");
        String hint = switch (rcode) {
            case Rcode.NOTAUTH -> gss.isPresent() ? "the server did not accept the GSS-TSIG security context ("
                    + (tsigError != Rcode.NOERROR ? Rcode.TSIGstring(tsigError) + "; " : "") + "negotiated again once)"
                    : tsigError == Rcode.BADKEY ? "the server does not know this TSIG key name"
                    : tsigError == Rcode.BADSIG ? "the TSIG secret is wrong"
                    : tsigError == Rcode.BADTIME ? "the clocks differ too much for TSIG"
                    : "the server is not authoritative for the zone, or the key is wrong";
            case Rcode.REFUSED -> gss.isPresent() ? "the principal " + server.gss().orElseThrow().principal()
                    + " is not allowed to update this zone (BIND: update-policy; Windows DNS: the zone's security, "
                    + "or the record belongs to another account)"
                    : tsig.isEmpty() ? "the zone does not accept unsigned updates"
                    : "the key is not allowed to update this zone (update-policy / allow-update)";
            case Rcode.NOTZONE -> "the name is not in the zone";
            case Rcode.SERVFAIL -> "the server failed to process the update";
            default -> "see the server's log";
        };
        return code + ": " + hint;
    }

    private String describe(String what, Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.net.SocketTimeoutException || m.toLowerCase(Locale.ROOT).contains("timed out")) {
            return what + " failed: timeout after " + server.timeout().toMillis() + " ms (" + server.address() + ":"
                    + server.port() + ")";
        }
        if (e instanceof java.net.ConnectException || m.toLowerCase(Locale.ROOT).contains("connection refused")) {
            return what + " failed: connection refused by " + server.address() + ":" + server.port();
        }
        return what + " failed: " + m;
    }

    /** What the server itself answers for a name of one of its zones (the DNS sweep asks it, signed if keyed). */
    public NameAnswer ask(String fqdn, Duration timeout) {
        if (gss.isPresent()) {
            try {
                return NameLookup.answer(send(NameLookup.query(fqdn), "query"));
            } catch (IOException e) {
                return NameAnswer.failed(describe("query", e));
            }
        }
        try {
            SimpleResolver r = resolver();
            r.setTimeout(timeout);
            return NameLookup.ask(r, fqdn, tsig.isPresent());
        } catch (IOException e) {
            return NameAnswer.failed(describe("query", e));
        }
    }

    private SimpleResolver resolver() throws IOException {
        SimpleResolver r = new SimpleResolver(
                new InetSocketAddress(InetAddress.getByName(server.address()), server.port()));
        r.setTCP(server.transport() == Transport.TCP);
        r.setTimeout(server.timeout());
        tsig.ifPresent(r::setTSIGKey);
        return r;
    }

    private void note(ZoneRef zone, String read, String via, String update) {
        // One line when a zone's reads start failing (with why) and one when they work again, not one per pass.
        ServerStatus.ZoneResult before = status.get(zone.name());
        boolean wasOk = before == null || before.lastRead().isEmpty() || before.lastRead().startsWith("ok");
        if (read != null && wasOk && !read.startsWith("ok")) {
            LOG.warnf("server %s, zone %s: %s", server.name(), zone.name(), read);
        } else if (read != null && !wasOk && read.startsWith("ok")) {
            LOG.infof("server %s, zone %s: reads work again", server.name(), zone.name());
        }
        status.compute(zone.name(), (k, old) -> new ServerStatus.ZoneResult(
                read != null ? read : old == null ? "" : old.lastRead(),
                via != null ? via : old == null ? "" : old.readVia(),
                update != null ? update : old == null ? "" : old.lastUpdate(), Instant.now()));
    }

    static Name absolute(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }

    static Name fqdn(ZoneRef zone, String relative) {
        return absolute(zone.fqdn(relative));
    }

    static String relative(Name name, Name origin) {
        if (name.equals(origin)) {
            return "@";
        }
        return name.relativize(origin).toString(true).toLowerCase(Locale.ROOT);
    }
}
