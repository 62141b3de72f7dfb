package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.DnsServerSettings;
import java.io.IOException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;
import org.jboss.logging.Logger;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TKEYRecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;

/**
 * GSS-TSIG with one DNS server (RFC 3645): the daemon's Kerberos login, a security context negotiated with the server
 * by TKEY (RFC 2930 mode 3) over TCP, reused while it is valid and negotiated again before it expires, and every
 * message signed — every answer verified — with it. An answer that says the server no longer knows the context
 * (NOTAUTH: BADKEY/BADSIG) makes one new negotiation and one retry; then it is reported. One exchange at a time.
 */
final class GssTsigSession {
    private static final Logger LOG = Logger.getLogger(GssTsigSession.class);
    static final Duration FUDGE = Duration.ofSeconds(300);
    /** The algorithm name older Windows servers use for GSS-TSIG. */
    static final Name MICROSOFT_ALGORITHM = Name.fromConstantString("gss.microsoft.com.");
    private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    private static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");
    private static final int MAX_ROUNDS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A negotiated context: its TSIG key name, the algorithm name the server uses, and when it is renewed. */
    record Context(Name key, Name algorithm, GSSContext gss, Instant renewAt) {
    }

    /** An answer and whether its GSS-TSIG signature verified (a NOTAUTH answer cannot be signed). */
    record Answer(Message message, boolean verified, String why) {
    }

    private final DnsServerSettings server;
    private final DnsServerSettings.Kerberos kerberos;
    private final Clock clock;
    private final Runnable negotiated;
    private Subject subject;
    private Optional<Context> context = Optional.empty();

    /** @param negotiated counts each security context negotiated (a metric) */
    GssTsigSession(DnsServerSettings server, Clock clock, Runnable negotiated) {
        this.server = server;
        this.kerberos = server.gss().orElseThrow();
        this.clock = clock;
        this.negotiated = negotiated;
        KerberosConfig.register(kerberos);
    }

    /**
     * Sends {@code query} signed and returns the answer, its signature checked. An answer that is unsigned or badly
     * signed comes back with {@code verified=false} and the reason; the caller does not believe it.
     */
    synchronized Answer send(Message query) throws IOException {
        for (int attempt = 0;; attempt++) {
            Context c = context();
            Answer a = exchange(c, query);
            int tsigError = Optional.ofNullable(a.message().getTSIG()).map(TSIGRecord::getError).orElse(0);
            boolean refused = a.message().getRcode() == Rcode.NOTAUTH
                    && (tsigError == Rcode.BADKEY || tsigError == Rcode.BADSIG);
            if (refused && attempt == 0) {
                LOG.infof("GSS-TSIG: %s no longer accepts the security context (%s); negotiating a new one",
                        server.name(), Rcode.TSIGstring(tsigError));
                reset();
                continue;
            }
            return a;
        }
    }

    /**
     * A zone transfer (AXFR) over one TCP connection, the query signed, every signed answer message verified as
     * RFC 8945 §5.3.1 chains them (the prior MAC, the unsigned messages since, the message, the timers); the first
     * and the last message must be signed. A refused transfer is a {@link ZoneTransferException} (the caller falls
     * back to queries); a signature that does not verify is an {@link Rfc2136Provider.UnverifiedAnswer}.
     */
    synchronized List<Record> transfer(Name zone) throws IOException, ZoneTransferException {
        for (int attempt = 0;; attempt++) {
            Context c = context();
            try {
                return transfer(c, zone);
            } catch (StaleContext e) {
                if (attempt > 0) {
                    throw new ZoneTransferException("AXFR of " + zone + " refused the GSS-TSIG context ("
                            + e.getMessage() + ") after a new negotiation");
                }
                reset();
            }
        }
    }

    /** The server no longer knows the context (NOTAUTH with BADKEY or BADSIG). */
    private static final class StaleContext extends IOException {
        StaleContext(String message) {
            super(message);
        }
    }

    private List<Record> transfer(Context c, Name zone) throws IOException, ZoneTransferException {
        Message query = Message.newQuery(Record.newRecord(zone, Type.AXFR, DClass.IN));
        byte[] message = query.toWire();
        Instant signed = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        byte[] data = TsigWire.requestData(message,
                TsigWire.variables(c.key(), c.algorithm(), signed, FUDGE, Rcode.NOERROR, new byte[0]));
        byte[] priorMac;
        try {
            priorMac = c.gss().getMIC(data, 0, data.length, new MessageProp(0, false));
        } catch (GSSException e) {
            reset();
            throw GssFailure.of("signing for " + server.name(), e, kerberos.kdc().orElse(""),
                    kerberos.servicePrincipal());
        }
        TSIGRecord tsig = new TSIGRecord(c.key(), DClass.ANY, 0, c.algorithm(), signed, FUDGE, priorMac,
                query.getHeader().getID(), Rcode.NOERROR, new byte[0]);
        List<Record> records = new ArrayList<>();
        try (DnsTcp.Connection tcp = DnsTcp.open(server.address(), server.port(), server.timeout())) {
            tcp.send(TsigWire.append(message, tsig));
            java.io.ByteArrayOutputStream unsigned = new java.io.ByteArrayOutputStream();
            int unsignedCount = 0;
            boolean first = true;
            int soa = 0;
            while (soa < 2) {
                byte[] wire = tcp.receive();
                Message m = new Message(wire);
                TSIGRecord t = m.getTSIG();
                int tsigError = t == null ? Rcode.NOERROR : t.getError();
                if (m.getRcode() == Rcode.NOTAUTH && (tsigError == Rcode.BADKEY || tsigError == Rcode.BADSIG)) {
                    throw new StaleContext(Rcode.TSIGstring(tsigError));
                }
                if (m.getRcode() != Rcode.NOERROR) {
                    throw new ZoneTransferException("AXFR of " + zone + " answered " + Rcode.string(m.getRcode()));
                }
                if (t == null) {
                    if (first || ++unsignedCount > 99) {
                        throw new Rfc2136Provider.UnverifiedAnswer("AXFR of " + zone + " on " + server.name()
                                + ": " + (first ? "the first message" : "a hundred messages in a row")
                                + " not signed: not believed");
                    }
                    unsigned.write(wire);
                } else {
                    byte[] stripped = TsigWire.withoutTsig(wire, t.getOriginalID());
                    byte[] covered = first
                            ? TsigWire.responseData(priorMac, stripped, TsigWire.variables(t.getName(),
                                    t.getAlgorithm(), t.getTimeSigned(), t.getFudge(), t.getError(), t.getOther()))
                            : TsigWire.subsequentData(priorMac, unsigned.toByteArray(), stripped,
                                    TsigWire.timers(t.getTimeSigned(), t.getFudge()));
                    try {
                        c.gss().verifyMIC(t.getSignature(), 0, t.getSignature().length, covered, 0, covered.length,
                                new MessageProp(0, false));
                    } catch (GSSException e) {
                        throw new Rfc2136Provider.UnverifiedAnswer("AXFR of " + zone + " on " + server.name()
                                + ": a message's GSS-TSIG signature does not verify (" + e.getMessage()
                                + "): not believed");
                    }
                    priorMac = t.getSignature();
                    unsigned.reset();
                    unsignedCount = 0;
                    first = false;
                }
                for (Record r : m.getSection(Section.ANSWER)) {
                    soa += r.getType() == Type.SOA ? 1 : 0;
                    records.add(r);
                }
                if (m.getSection(Section.ANSWER).isEmpty()) {
                    throw new ZoneTransferException("AXFR of " + zone + ": an empty answer");
                }
            }
            if (unsignedCount > 0) {
                throw new Rfc2136Provider.UnverifiedAnswer("AXFR of " + zone + " on " + server.name()
                        + ": the last message is not signed: not believed");
            }
        }
        return records;
    }

    /** Forgets the context; the next exchange negotiates anew. */
    synchronized void reset() {
        context.ifPresent(c -> dispose(c.gss()));
        context = Optional.empty();
    }

    private Context context() throws IOException {
        Instant now = clock.instant();
        if (context.isPresent() && now.isBefore(context.get().renewAt())) {
            return context.get();
        }
        reset();
        Context c = negotiate();
        context = Optional.of(c);
        return c;
    }

    private Answer exchange(Context c, Message query) throws IOException {
        byte[] message = query.toWire();
        Instant signed = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        byte[] data = TsigWire.requestData(message,
                TsigWire.variables(c.key(), c.algorithm(), signed, FUDGE, Rcode.NOERROR, new byte[0]));
        byte[] mac;
        try {
            mac = c.gss().getMIC(data, 0, data.length, new MessageProp(0, false));
        } catch (GSSException e) {
            reset();
            throw GssFailure.of("signing for " + server.name(), e, kerberos.kdc().orElse(""),
                    kerberos.servicePrincipal());
        }
        TSIGRecord tsig = new TSIGRecord(c.key(), DClass.ANY, 0, c.algorithm(), signed, FUDGE, mac,
                query.getHeader().getID(), Rcode.NOERROR, new byte[0]);
        byte[] wire = DnsTcp.exchange(server.address(), server.port(), TsigWire.append(message, tsig),
                server.timeout());
        Message answer = new Message(wire);
        Optional<String> unverified = verify(c, wire, answer, mac);
        return new Answer(answer, unverified.isEmpty(), unverified.orElse(""));
    }

    /** Why the answer's signature is not believed, or empty when it verifies. */
    private Optional<String> verify(Context c, byte[] wire, Message answer, byte[] requestMac) {
        TSIGRecord t = answer.getTSIG();
        if (t == null) {
            return Optional.of("the answer is not signed");
        }
        if (!t.getName().equals(c.key())) {
            return Optional.of("the answer is signed with another key (" + t.getName() + ")");
        }
        if (t.getSignature() == null || t.getSignature().length == 0) {
            return Optional.of("the answer's signature is empty (" + Rcode.TSIGstring(t.getError()) + ")");
        }
        try {
            byte[] data = TsigWire.responseData(requestMac, TsigWire.withoutTsig(wire, t.getOriginalID()),
                    TsigWire.variables(t.getName(), t.getAlgorithm(), t.getTimeSigned(), t.getFudge(),
                            t.getError(), t.getOther()));
            c.gss().verifyMIC(t.getSignature(), 0, t.getSignature().length, data, 0, data.length,
                    new MessageProp(0, false));
        } catch (GSSException | IOException e) {
            return Optional.of("its GSS-TSIG signature does not verify (" + e.getMessage() + ")");
        }
        Duration off = Duration.between(t.getTimeSigned(), clock.instant()).abs();
        if (off.compareTo(t.getFudge()) > 0) {
            return Optional.of("it was signed " + off.toSeconds() + " s away from this clock (fudge "
                    + t.getFudge().toSeconds() + " s)");
        }
        return Optional.empty();
    }

    private Context negotiate() throws IOException {
        Subject s = subject();
        GSSManager manager = GSSManager.getInstance();
        Name key = keyName();
        Duration lifetime = kerberos.contextLifetime();
        GSSContext gss = as(s, () -> {
            GSSContext g = manager.createContext(manager.createName(kerberos.servicePrincipal(), KRB5_PRINCIPAL_NAME),
                    KRB5, null, (int) lifetime.toSeconds());
            g.requestMutualAuth(true);
            g.requestReplayDet(true);
            g.requestInteg(true);
            return g;
        });
        try {
            byte[] token = as(s, () -> gss.initSecContext(new byte[0], 0, 0));
            Name algorithm = TSIG.GSS_TSIG;
            for (int round = 0; round < MAX_ROUNDS && !gss.isEstablished(); round++) {
                TKEYRecord answer = tkey(key, token, lifetime);
                algorithm = answer.getAlgorithm().equals(MICROSOFT_ALGORITHM) ? MICROSOFT_ALGORITHM : TSIG.GSS_TSIG;
                byte[] in = answer.getKey() == null ? new byte[0] : answer.getKey();
                token = as(s, () -> gss.initSecContext(in, 0, in.length));
            }
            if (!gss.isEstablished()) {
                throw new GssFailure("GSS-TSIG negotiation with " + server.name() + " did not complete in "
                        + MAX_ROUNDS + " rounds");
            }
            // The context lives as long as the service ticket it was made with (the server drops it then); the
            // JDK reports the requested lifetime, not the ticket's, so the ticket's end time is read from the login.
            Instant now = clock.instant();
            Duration valid = ticketEnd(s).map(end -> Duration.between(now, end)).filter(d -> d.compareTo(lifetime) < 0)
                    .orElse(lifetime);
            // Renewed before it expires: a tenth of its life early, at least 30 s and at most 5 min, but never
            // more than half of it (a short ticket would otherwise be renewed on every message).
            Duration early = valid.dividedBy(10);
            early = early.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30)
                    : early.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : early;
            early = early.compareTo(valid.dividedBy(2)) > 0 ? valid.dividedBy(2) : early;
            Instant renewAt = now.plus(valid).minus(early);
            LOG.infof("GSS-TSIG: security context with %s (%s) as %s negotiated, key %s, valid %d s", server.name(),
                    kerberos.servicePrincipal(), kerberos.principal(), key, valid.toSeconds());
            negotiated.run();
            return new Context(key, algorithm, gss, renewAt);
        } catch (IOException | RuntimeException e) {
            dispose(gss);
            throw e;
        }
    }

    /** One TKEY round trip: our token out, the server's back. */
    private TKEYRecord tkey(Name key, byte[] token, Duration lifetime) throws IOException {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Message q = new Message();
        q.addRecord(Record.newRecord(key, Type.TKEY, DClass.ANY), Section.QUESTION);
        q.addRecord(new TKEYRecord(key, DClass.ANY, 0, TSIG.GSS_TSIG, now, now.plus(lifetime), TKEYRecord.GSSAPI,
                Rcode.NOERROR, token == null ? new byte[0] : token, new byte[0]), Section.ADDITIONAL);
        Message a = new Message(DnsTcp.exchange(server.address(), server.port(), q.toWire(), server.timeout()));
        if (a.getRcode() != Rcode.NOERROR) {
            throw new GssFailure("GSS-TSIG negotiation with " + server.name() + " answered "
                    + Rcode.string(a.getRcode()) + (a.getRcode() == Rcode.REFUSED || a.getRcode() == Rcode.NOTIMP
                            ? ": the server does not accept GSS-TSIG (BIND: tkey-gssapi-keytab; Windows: an "
                                    + "AD-integrated zone)"
                            : ""));
        }
        for (Record r : a.getSection(Section.ANSWER)) {
            if (r instanceof TKEYRecord t) {
                if (t.getError() != Rcode.NOERROR) {
                    throw new GssFailure("GSS-TSIG negotiation with " + server.name() + " failed: the server "
                            + "answered TKEY error " + Rcode.TSIGstring(t.getError())
                            + (t.getError() == Rcode.BADKEY ? " (it could not accept the Kerberos ticket for "
                                    + kerberos.servicePrincipal() + ": is that its principal, in its keytab?)" : ""));
                }
                return t;
            }
        }
        throw new GssFailure("GSS-TSIG negotiation with " + server.name() + " failed: no TKEY record in the answer");
    }

    /** When the service ticket for the DNS server (else the ticket-granting ticket) ends. */
    private Optional<Instant> ticketEnd(Subject s) {
        var tickets = s.getPrivateCredentials(KerberosTicket.class);
        Optional<Instant> service = tickets.stream()
                .filter(t -> t.getServer().getName().equalsIgnoreCase(kerberos.servicePrincipal()))
                .filter(t -> t.getEndTime() != null).map(t -> t.getEndTime().toInstant()).max(Instant::compareTo);
        return service.or(() -> tickets.stream().filter(t -> t.getServer().getName().startsWith("krbtgt/"))
                .filter(t -> t.getEndTime() != null).map(t -> t.getEndTime().toInstant()).max(Instant::compareTo));
    }

    /** The login, renewed when its ticket-granting ticket ends within a minute (or is gone). */
    private Subject subject() throws GssFailure {
        Instant soon = clock.instant().plusSeconds(60);
        boolean valid = subject != null && subject.getPrivateCredentials(KerberosTicket.class).stream()
                .anyMatch(t -> t.getServer().getName().startsWith("krbtgt/") && t.getEndTime() != null
                        && t.getEndTime().toInstant().isAfter(soon));
        if (!valid) {
            subject = KerberosLogin.login(kerberos);
        }
        return subject;
    }

    private <T> T as(Subject s, PrivilegedExceptionAction<T> action) throws GssFailure {
        try {
            return Subject.doAs(s, action);
        } catch (PrivilegedActionException e) {
            Throwable cause = e.getException();
            if (cause.toString().contains("(32)") || cause.toString().toLowerCase().contains("expired")) {
                subject = null; // the next negotiation logs in again
            }
            throw GssFailure.of("GSS-TSIG with " + server.name(), cause, kerberos.kdc().orElse(""),
                    kerberos.servicePrincipal());
        }
    }

    private Name keyName() {
        try {
            return Name.fromString(Integer.toUnsignedString(RANDOM.nextInt()) + ".sig-" + kerberos.serviceHost()
                    + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a host name: " + kerberos.serviceHost(), e);
        }
    }

    private static void dispose(GSSContext c) {
        try {
            c.dispose();
        } catch (GSSException e) {
            // nothing held that matters
        }
    }

    private static Oid oid(String s) {
        try {
            return new Oid(s);
        } catch (GSSException e) {
            throw new IllegalStateException(e);
        }
    }
}
