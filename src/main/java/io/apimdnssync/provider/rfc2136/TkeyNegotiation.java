package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.DnsServerSettings;
import java.io.IOException;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.Oid;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TKEYRecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Negotiates a GSS-TSIG security context with a DNS server (RFC 3645 §3, TKEY mode 3 of RFC 2930, over TCP): the
 * client's Kerberos token in the TKEY of the query's additional section, the server's in the TKEY of the answer
 * section, until the context is established with mutual authentication. The flags are those BIND's and Windows'
 * clients ask for: mutual authentication, replay detection and integrity — no sequencing (a request lost on the way
 * must not make every later one a gap), no confidentiality, no delegation.
 */
final class TkeyNegotiation {
    /** The algorithm name older Windows servers answer with. */
    static final Name MICROSOFT_ALGORITHM = Name.fromConstantString("gss.microsoft.com.");
    private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
    private static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");
    private static final int MAX_ROUNDS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TkeyNegotiation() {
    }

    static GssContext negotiate(DnsServerSettings server, Subject subject, Clock clock) throws IOException {
        DnsServerSettings.Kerberos k = server.gss().orElseThrow();
        GSSManager manager = GSSManager.getInstance();
        Name key = keyName(k.serviceHost());
        Duration lifetime = k.contextLifetime();
        GSSContext gss = as(server, subject, () -> {
            GSSContext g = manager.createContext(manager.createName(k.servicePrincipal(), KRB5_PRINCIPAL_NAME), KRB5,
                    null, (int) lifetime.toSeconds());
            g.requestMutualAuth(true);
            g.requestReplayDet(true);
            g.requestInteg(true);
            g.requestSequenceDet(false);
            g.requestConf(false);
            g.requestCredDeleg(false);
            return g;
        });
        try {
            byte[] token = as(server, subject, () -> gss.initSecContext(new byte[0], 0, 0));
            Name algorithm = TSIG.GSS_TSIG;
            Optional<Instant> serverExpiry = Optional.empty();
            for (int round = 0; round < MAX_ROUNDS && !gss.isEstablished(); round++) {
                TKEYRecord answer = tkey(server, key, token, lifetime, clock);
                algorithm = answer.getAlgorithm().equals(MICROSOFT_ALGORITHM) ? MICROSOFT_ALGORITHM : TSIG.GSS_TSIG;
                serverExpiry = Optional.ofNullable(answer.getTimeExpire()).filter(e -> e.getEpochSecond() > 0);
                byte[] in = answer.getKey() == null ? new byte[0] : answer.getKey();
                token = as(server, subject, () -> gss.initSecContext(in, 0, in.length));
            }
            if (!gss.isEstablished()) {
                throw new GssFailure("GSS-TSIG negotiation with " + server.name() + " did not complete in "
                        + MAX_ROUNDS + " rounds");
            }
            if (!gss.getMutualAuthState()) {
                throw new GssFailure("GSS-TSIG negotiation with " + server.name() + ": the server did not prove "
                        + "its identity (no mutual authentication)");
            }
            Instant now = clock.instant();
            // The context lives as long as the shortest of: the service ticket it was made with (the JDK reports
            // the requested lifetime, not the ticket's), the key's life the server states, the configured lifetime.
            Duration valid = lifetime;
            for (Optional<Instant> end : java.util.List.of(serviceTicketEnd(subject, k), serverExpiry)) {
                Duration left = end.map(e -> Duration.between(now, e)).orElse(lifetime);
                valid = left.compareTo(valid) < 0 ? left : valid;
            }
            // Renewed a tenth of its life early, at least 30 s and at most 5 min, but never more than half of it.
            Duration early = valid.dividedBy(10);
            early = early.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30)
                    : early.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : early;
            early = early.compareTo(valid.dividedBy(2)) > 0 ? valid.dividedBy(2) : early;
            return new GssContext(key, algorithm, gss, now.plus(valid).minus(early));
        } catch (IOException | RuntimeException e) {
            try {
                gss.dispose();
            } catch (GSSException ignored) {
                // the failure is what matters
            }
            throw e;
        }
    }

    /**
     * One TKEY round trip: our token out, the server's back. The final answer is signed by the server with the new
     * context; it is not checked here (Windows signs it differently), the mutual authentication proves the server.
     */
    private static TKEYRecord tkey(DnsServerSettings server, Name key, byte[] token, Duration lifetime, Clock clock)
            throws IOException {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Message q = new Message();
        q.addRecord(Record.newRecord(key, Type.TKEY, DClass.ANY), Section.QUESTION);
        q.addRecord(new TKEYRecord(key, DClass.ANY, 0, TSIG.GSS_TSIG, now, now.plus(lifetime), TKEYRecord.GSSAPI,
                Rcode.NOERROR, token == null ? new byte[0] : token, new byte[0]), Section.ADDITIONAL);
        Message a = new Message(DnsTcp.exchange(server.address(), server.port(), q.toWire(), server.timeout()));
        String what = "GSS-TSIG negotiation with " + server.name();
        if (a.getHeader().getID() != q.getHeader().getID()) {
            throw new GssFailure(what + " failed: the answer is for another query");
        }
        if (a.getRcode() != Rcode.NOERROR) {
            throw new GssFailure(what + " answered " + Rcode.string(a.getRcode())
                    + (a.getRcode() == Rcode.REFUSED || a.getRcode() == Rcode.NOTIMP
                            ? ": the server does not accept GSS-TSIG (BIND: tkey-gssapi-keytab; Windows: an "
                                    + "AD-integrated zone)"
                            : ""));
        }
        for (Record r : a.getSection(Section.ANSWER)) {
            if (r instanceof TKEYRecord t && t.getName().equals(key)) {
                if (t.getError() != Rcode.NOERROR) {
                    throw new GssFailure(what + " failed: the server answered TKEY error "
                            + Rcode.TSIGstring(t.getError()) + (t.getError() == Rcode.BADKEY
                                    ? " (it could not accept the Kerberos ticket for "
                                            + server.gss().orElseThrow().servicePrincipal()
                                            + ": is that its principal, in its keytab?)"
                                    : ""));
                }
                return t;
            }
        }
        throw new GssFailure(what + " failed: no TKEY record for " + key + " in the answer");
    }

    /** When the login's ticket for the DNS server ends (the JDK keeps service tickets in the Subject). */
    private static Optional<Instant> serviceTicketEnd(Subject s, DnsServerSettings.Kerberos k) {
        return s.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(t -> t.getServer().getName().equalsIgnoreCase(k.servicePrincipal()))
                .filter(t -> t.getEndTime() != null).map(t -> t.getEndTime().toInstant()).max(Instant::compareTo);
    }

    private static <T> T as(DnsServerSettings server, Subject s, PrivilegedExceptionAction<T> action)
            throws GssFailure {
        try {
            return Subject.doAs(s, action);
        } catch (PrivilegedActionException e) {
            DnsServerSettings.Kerberos k = server.gss().orElseThrow();
            throw GssFailure.of("GSS-TSIG with " + server.name(), e.getException(), k.kdc().orElse(""),
                    k.servicePrincipal());
        }
    }

    private static Name keyName(String host) {
        try {
            return Name.fromString(Integer.toUnsignedString(RANDOM.nextInt()) + ".sig-" + host + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a host name: " + host, e);
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
