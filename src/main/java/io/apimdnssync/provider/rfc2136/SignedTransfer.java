package io.apimdnssync.provider.rfc2136;

import io.apimdnssync.config.DnsServerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ietf.jgss.GSSException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferException;

/**
 * A zone transfer (AXFR) signed with a GSS-TSIG context over one TCP connection: the query signed, every signed
 * message of the answer verified as RFC 8945 §5.3.1 chains them (the prior MAC, the unsigned messages since, the
 * message, the timers); the first and the last message must be signed, at most 99 in a row may not be. A refused
 * transfer is a {@link ZoneTransferException} (read=auto then reads by queries); a signature that does not verify is
 * an {@link Rfc2136Provider.UnverifiedAnswer}; a context the server no longer knows, {@link StaleContext}.
 */
final class SignedTransfer {
    /** The server no longer knows the context (NOTAUTH: BADKEY, BADSIG, or unsigned). */
    static final class StaleContext extends IOException {
        StaleContext(String message) {
            super(message);
        }
    }

    private SignedTransfer() {
    }

    static List<Record> run(GssContext c, DnsServerSettings server, Name zone, Clock clock)
            throws IOException, ZoneTransferException {
        String what = "AXFR of " + zone + " on " + server.name();
        Message query = Message.newQuery(Record.newRecord(zone, Type.AXFR, DClass.IN));
        GssContext.Signed request;
        try {
            request = c.sign(query, clock.instant());
        } catch (GSSException e) {
            throw new StaleContext("signing failed: " + e.getMessage());
        }
        // A whole transfer gets a deadline of its own: per read, the timeout; in all, six of them (at least 30 s).
        Duration sixTimeouts = server.timeout().multipliedBy(6);
        Duration budget = sixTimeouts.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : sixTimeouts;
        Instant deadline = clock.instant().plus(budget);
        List<Record> records = new ArrayList<>();
        try (DnsTcp.Connection tcp = DnsTcp.open(server.address(), server.port(), server.timeout())) {
            tcp.send(request.wire());
            byte[] priorMac = request.mac();
            ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
            int unsignedCount = 0;
            boolean first = true;
            int soa = 0;
            while (soa < 2) {
                if (clock.instant().isAfter(deadline)) {
                    throw new IOException(what + " did not finish within " + budget.toSeconds() + " s");
                }
                byte[] wire = tcp.receive();
                Message m = new Message(wire);
                TSIGRecord t = m.getTSIG();
                int tsigError = t == null ? Rcode.NOERROR : t.getError();
                if (m.getRcode() == Rcode.NOTAUTH) {
                    if (tsigError == Rcode.BADTIME) {
                        throw new Rfc2136Provider.UnverifiedAnswer(what + ": the server says the request's time is "
                                + "off (BADTIME): check the clocks");
                    }
                    throw new StaleContext(t == null ? "NOTAUTH" : Rcode.TSIGstring(tsigError));
                }
                if (m.getRcode() != Rcode.NOERROR) {
                    throw new ZoneTransferException(what + " answered " + Rcode.string(m.getRcode()));
                }
                Instant now = clock.instant();
                if (t == null) {
                    if (first || ++unsignedCount > 99) {
                        throw new Rfc2136Provider.UnverifiedAnswer(what + ": " + (first ? "the first message"
                                : "a hundred messages in a row") + " not signed: not believed");
                    }
                    unsigned.write(wire);
                } else {
                    Optional<String> bad = first ? c.verify(wire, m, priorMac, now)
                            : c.verifySubsequent(wire, m, priorMac, unsigned.toByteArray(), now);
                    if (bad.isPresent()) {
                        throw new Rfc2136Provider.UnverifiedAnswer(what + ": a message is not believed: "
                                + bad.get());
                    }
                    priorMac = t.getSignature();
                    unsigned.reset();
                    unsignedCount = 0;
                    first = false;
                }
                if (m.getSection(Section.ANSWER).isEmpty()) {
                    throw new ZoneTransferException(what + ": an empty answer");
                }
                for (Record r : m.getSection(Section.ANSWER)) {
                    soa += r.getType() == Type.SOA ? 1 : 0;
                    records.add(r);
                }
            }
            if (unsignedCount > 0) {
                throw new Rfc2136Provider.UnverifiedAnswer(what + ": the last message is not signed: not believed");
            }
        }
        return records;
    }
}
