package io.apimdnssync.provider.rfc2136;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.MessageProp;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIGRecord;

/**
 * An established GSS-TSIG security context (RFC 3645): the TSIG key name it was negotiated under, the algorithm name
 * the server uses, and when it is to be renewed. Signs requests and verifies answers with GSS_GetMIC/VerifyMIC over
 * exactly what TSIG covers (TsigWire).
 */
record GssContext(Name key, Name algorithm, GSSContext gss, Instant renewAt) {
    static final Duration FUDGE = Duration.ofSeconds(300);

    /** A signed request: its wire form (the TSIG record appended) and its MAC, which the answer's covers. */
    record Signed(byte[] wire, byte[] mac) {
    }

    Signed sign(Message query, Instant now) throws GSSException {
        byte[] message = query.toWire();
        Instant signed = Instant.ofEpochSecond(now.getEpochSecond());
        byte[] data = TsigWire.requestData(message,
                TsigWire.variables(key, algorithm, signed, FUDGE, Rcode.NOERROR, new byte[0]));
        byte[] mac = gss.getMIC(data, 0, data.length, new MessageProp(0, false));
        TSIGRecord tsig = new TSIGRecord(key, DClass.ANY, 0, algorithm, signed, FUDGE, mac,
                query.getHeader().getID(), Rcode.NOERROR, new byte[0]);
        return new Signed(TsigWire.append(message, tsig), mac);
    }

    /** Why a (first or only) answer's signature is not believed; empty when it verifies. */
    Optional<String> verify(byte[] wire, Message answer, byte[] requestMac, Instant now) {
        TSIGRecord t = answer.getTSIG();
        Optional<String> basic = basics(t, now);
        if (basic.isPresent()) {
            return basic;
        }
        try {
            return check(t, TsigWire.responseData(requestMac, TsigWire.withoutTsig(wire, t.getOriginalID()),
                    TsigWire.variables(t.getName(), t.getAlgorithm(), t.getTimeSigned(), t.getFudge(), t.getError(),
                            t.getOther())));
        } catch (IOException e) {
            return Optional.of("the answer is malformed (" + e.getMessage() + ")");
        }
    }

    /** A later signed message of a transfer: covers the prior MAC, the unsigned messages since, this one, timers. */
    Optional<String> verifySubsequent(byte[] wire, Message answer, byte[] priorMac, byte[] unsignedSince,
            Instant now) {
        TSIGRecord t = answer.getTSIG();
        Optional<String> basic = basics(t, now);
        if (basic.isPresent()) {
            return basic;
        }
        try {
            return check(t, TsigWire.subsequentData(priorMac, unsignedSince,
                    TsigWire.withoutTsig(wire, t.getOriginalID()), TsigWire.timers(t.getTimeSigned(), t.getFudge())));
        } catch (IOException e) {
            return Optional.of("a message is malformed (" + e.getMessage() + ")");
        }
    }

    private Optional<String> basics(TSIGRecord t, Instant now) {
        if (t == null) {
            return Optional.of("it is not signed");
        }
        if (!t.getName().equals(key)) {
            return Optional.of("it is signed with another key (" + t.getName() + ")");
        }
        if (t.getSignature() == null || t.getSignature().length == 0) {
            return Optional.of("its signature is empty (" + Rcode.TSIGstring(t.getError()) + ")");
        }
        Duration off = Duration.between(t.getTimeSigned(), now).abs();
        if (off.compareTo(t.getFudge()) > 0) {
            return Optional.of("it was signed " + off.toSeconds() + " s away from this clock (fudge "
                    + t.getFudge().toSeconds() + " s): check the clocks");
        }
        return Optional.empty();
    }

    private Optional<String> check(TSIGRecord t, byte[] covered) {
        try {
            gss.verifyMIC(t.getSignature(), 0, t.getSignature().length, covered, 0, covered.length,
                    new MessageProp(0, false));
            return Optional.empty();
        } catch (GSSException e) {
            return Optional.of("its GSS-TSIG signature does not verify (" + e.getMessage() + ")");
        }
    }

    void dispose() {
        try {
            gss.dispose();
        } catch (GSSException e) {
            // nothing held that matters
        }
    }
}
