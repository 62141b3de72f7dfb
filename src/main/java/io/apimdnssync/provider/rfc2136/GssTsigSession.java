package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.Backoff;
import io.apimdnssync.config.DnsServerSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.ietf.jgss.GSSException;
import org.jboss.logging.Logger;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.ZoneTransferException;

/**
 * GSS-TSIG with one DNS server (RFC 3645): a security context negotiated (TkeyNegotiation) with a fresh Kerberos
 * login, reused until it is due for renewal, and every message signed — every answer verified — with it. An answer
 * that says the server no longer knows the context (NOTAUTH: BADKEY, BADSIG, or unsigned) makes one new negotiation
 * and one retry; then it is reported. One exchange at a time per server.
 */
final class GssTsigSession {
    private static final Logger LOG = Logger.getLogger(GssTsigSession.class);

    /** Why a context was negotiated: the metric's {@code reason} tag. */
    enum Reason {
        FIRST,
        RENEWAL,
        REJECTED
    }

    /** An answer and why its signature is not believed, when it is not (a NOTAUTH answer cannot be signed). */
    record Answer(Message message, Optional<String> unverified) {
    }

    private final DnsServerSettings server;
    private final DnsServerSettings.Kerberos kerberos;
    private final Clock clock;
    private final Consumer<Reason> negotiated;
    private Optional<GssContext> context = Optional.empty();
    private Reason next = Reason.FIRST;
    /** After a failed negotiation: no new one before {@code until}, the failure repeated instead (AD lockout). */
    private record Quiet(Instant until, IOException failure) {
    }

    private Optional<Quiet> quiet = Optional.empty();
    private int failuresInARow;
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** A wrong password, an unknown or locked account: tried again only this much later. */
    static final Duration PERMANENT_BACKOFF = Duration.ofMinutes(30);

    /** @param negotiated told of each security context negotiated, with why (a metric) */
    GssTsigSession(DnsServerSettings server, Clock clock, Consumer<Reason> negotiated) {
        this.server = server;
        this.kerberos = server.gss().orElseThrow();
        this.clock = clock;
        this.negotiated = negotiated;
        KerberosConfig.register(kerberos);
    }

    /** Sends {@code query} signed; the answer, with why it is not believed when its signature does not verify. */
    synchronized Answer send(Message query) throws IOException {
        for (int attempt = 0;; attempt++) {
            GssContext c = context();
            GssContext.Signed request;
            try {
                request = c.sign(query, clock.instant());
            } catch (GSSException e) {
                drop(Reason.REJECTED);
                throw GssFailure.of("signing for " + server.name(), e, kerberos.kdc().orElse(""),
                        kerberos.servicePrincipal());
            }
            byte[] wire = DnsTcp.exchange(server.address(), server.port(), request.wire(), server.timeout());
            Message answer = new Message(wire);
            TSIGRecord t = answer.getTSIG();
            int tsigError = t == null ? Rcode.NOERROR : t.getError();
            if (answer.getRcode() == Rcode.NOTAUTH && tsigError != Rcode.BADTIME && attempt == 0) {
                LOG.infof("GSS-TSIG: %s no longer accepts the security context (%s); negotiating a new one",
                        server.name(), t == null ? "NOTAUTH" : Rcode.TSIGstring(tsigError));
                drop(Reason.REJECTED);
                continue;
            }
            return new Answer(answer, c.verify(wire, answer, request.mac(), clock.instant()));
        }
    }

    /** A signed zone transfer (SignedTransfer), with the same one re-negotiation when the context is refused. */
    synchronized List<Record> transfer(Name zone) throws IOException, ZoneTransferException {
        for (int attempt = 0;; attempt++) {
            GssContext c = context();
            try {
                return SignedTransfer.run(c, server, zone, clock);
            } catch (SignedTransfer.StaleContext e) {
                drop(Reason.REJECTED);
                if (attempt > 0) {
                    throw new Rfc2136Provider.UnverifiedAnswer("AXFR of " + zone + " on " + server.name()
                            + ": the server refused a newly negotiated GSS-TSIG context (" + e.getMessage() + ")");
                }
            }
        }
    }

    private GssContext context() throws IOException {
        if (context.isPresent() && clock.instant().isBefore(context.get().renewAt())) {
            return context.get();
        }
        if (context.isPresent()) {
            drop(Reason.RENEWAL);
        }
        Instant now = clock.instant();
        if (quiet.filter(q -> now.isBefore(q.until())).isPresent()) {
            throw new GssFailure(quiet.get().failure().getMessage() + " (not tried again before " + quiet.get().until()
                    + ")");
        }
        // A fresh login for each context: its tickets are new, so the context lasts its full time (a cached service
        // ticket near its end would make a short one), and a revoked or changed account shows at once.
        GssContext c;
        try {
            c = TkeyNegotiation.negotiate(server, KerberosLogin.login(kerberos), clock);
        } catch (IOException e) {
            // Every pass, retry and sweep would log in again: an account lockout policy counts those. Back off.
            Duration doubling = Backoff.after(++failuresInARow, FIRST_BACKOFF, MAX_BACKOFF);
            Duration wait = e instanceof GssFailure g && g.permanent() ? PERMANENT_BACKOFF : doubling;
            quiet = Optional.of(new Quiet(now.plus(wait), e));
            LOG.warnf("%s; no new attempt for %d min", e.getMessage(), wait.toMinutes());
            throw e;
        }
        quiet = Optional.empty();
        failuresInARow = 0;
        LOG.infof("GSS-TSIG: security context with %s (%s) as %s negotiated (%s), key %s, renewed at %s",
                server.name(), kerberos.servicePrincipal(), kerberos.principal(),
                next.name().toLowerCase(Locale.ROOT), c.key(), c.renewAt());
        negotiated.accept(next);
        context = Optional.of(c);
        return c;
    }

    private void drop(Reason why) {
        context.ifPresent(GssContext::dispose);
        context = Optional.empty();
        next = why;
    }
}
