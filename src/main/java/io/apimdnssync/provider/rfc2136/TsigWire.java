package io.apimdnssync.provider.rfc2136;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIGRecord;

/**
 * The bytes a TSIG signature covers (RFC 8945 §4.3, formerly RFC 2845; the same for GSS-TSIG, RFC 3645 §2.2), and
 * the wire operations around them: appending a TSIG record to a message, and finding it in an answer.
 */
final class TsigWire {
    private static final int HEADER = 12;

    private TsigWire() {
    }

    /** The TSIG variables: key name, class, TTL, algorithm, time signed, fudge, error, other data. */
    static byte[] variables(Name key, Name algorithm, Instant signed, Duration fudge, int error, byte[] other) {
        DNSOutput out = new DNSOutput();
        key.toWireCanonical(out);
        out.writeU16(DClass.ANY);
        out.writeU32(0);
        algorithm.toWireCanonical(out);
        writeTimers(out, signed, fudge);
        out.writeU16(error);
        out.writeU16(other == null ? 0 : other.length);
        if (other != null) {
            out.writeByteArray(other);
        }
        return out.toByteArray();
    }

    /** A request's signed data: the message as sent (without TSIG), then the variables. */
    static byte[] requestData(byte[] message, byte[] variables) {
        return concat(message, variables);
    }

    /**
     * A response's signed data: the request's MAC (length, then MAC), the response without its TSIG record (the
     * additional count one less, the original ID), then the variables.
     */
    static byte[] responseData(byte[] requestMac, byte[] responseWithoutTsig, byte[] variables) {
        return concat(macField(requestMac), responseWithoutTsig, variables);
    }

    /**
     * A later signed message of a multi-message answer (a zone transfer): the prior MAC (length, then MAC), the
     * unsigned messages since, this message without its TSIG record, then the timers only.
     */
    static byte[] subsequentData(byte[] priorMac, byte[] unsignedSince, byte[] messageWithoutTsig, byte[] timers) {
        return concat(macField(priorMac), unsignedSince, messageWithoutTsig, timers);
    }

    /** The TSIG timers: time signed (48 bits) and fudge. */
    static byte[] timers(Instant signed, Duration fudge) {
        DNSOutput out = new DNSOutput();
        writeTimers(out, signed, fudge);
        return out.toByteArray();
    }

    private static void writeTimers(DNSOutput out, Instant signed, Duration fudge) {
        long seconds = signed.getEpochSecond();
        out.writeU16((int) (seconds >> 32));
        out.writeU32(seconds & 0xFFFFFFFFL);
        out.writeU16((int) fudge.getSeconds());
    }

    /** A MAC as a signature covers it: its length, then the MAC. */
    private static byte[] macField(byte[] mac) {
        DNSOutput out = new DNSOutput();
        out.writeU16(mac.length);
        out.writeByteArray(mac);
        return out.toByteArray();
    }

    /** The message with the TSIG record appended as its last additional record. */
    static byte[] append(byte[] message, TSIGRecord tsig) {
        byte[] out = concat(message, tsig.toWire(Section.ADDITIONAL));
        setU16(out, 10, u16(out, 10) + 1);
        return out;
    }

    /**
     * The response without its TSIG record (which must be the last additional record), with the additional count
     * one less and the ID set to the TSIG's original ID — the form the signature covers.
     */
    static byte[] withoutTsig(byte[] wire, int originalId) throws IOException {
        int tsigStart = lastRecordOffset(wire);
        byte[] out = Arrays.copyOf(wire, tsigStart);
        setU16(out, 0, originalId);
        setU16(out, 10, u16(out, 10) - 1);
        return out;
    }

    /** Where the last record of the message begins (walking the sections; names may be compressed). */
    static int lastRecordOffset(byte[] wire) throws IOException {
        if (wire.length < HEADER) {
            throw new IOException("a DNS message shorter than its header");
        }
        int questions = u16(wire, 4);
        int records = u16(wire, 6) + u16(wire, 8) + u16(wire, 10);
        if (records == 0) {
            throw new IOException("the message has no records");
        }
        int pos = HEADER;
        for (int i = 0; i < questions; i++) {
            pos = skipName(wire, pos) + 4;
        }
        int last = pos;
        for (int i = 0; i < records; i++) {
            last = pos;
            pos = skipName(wire, pos) + 8;
            if (pos + 2 > wire.length) {
                throw new IOException("a record runs past the end of the message");
            }
            pos += 2 + u16(wire, pos);
        }
        if (pos > wire.length) {
            throw new IOException("a record runs past the end of the message");
        }
        return last;
    }

    private static int skipName(byte[] wire, int pos) throws IOException {
        while (true) {
            if (pos >= wire.length) {
                throw new IOException("a name runs past the end of the message");
            }
            int len = wire[pos] & 0xFF;
            if (len == 0) {
                return pos + 1;
            }
            if ((len & 0xC0) == 0xC0) {
                return pos + 2;
            }
            if ((len & 0xC0) != 0) {
                throw new IOException("an unknown label type in a name");
            }
            pos += 1 + len;
        }
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static void setU16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
