package io.apimdnssync.provider;

import io.apimdnssync.config.ResolverAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** One A query to one server, its answer in a {@link NameAnswer}; never throws for what the network does. */
public final class NameLookup {
    private NameLookup() {
    }

    /** A resolver for a configured address ({@link ResolverAddress}). */
    public static SimpleResolver resolver(String spec, Duration timeout) throws UnknownHostException {
        ResolverAddress a = ResolverAddress.parse(spec);
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(a.host()), a.port()));
        r.setTimeout(timeout);
        return r;
    }

    /**
     * Asks {@code resolver} for the A records of {@code fqdn}; {@code signed} makes an unsigned or badly signed answer
     * a failure (a TSIG key is set on the resolver).
     */
    public static NameAnswer ask(SimpleResolver resolver, String fqdn, boolean signed) {
        Message resp;
        try {
            resp = resolver.send(query(fqdn));
        } catch (SocketTimeoutException e) {
            return NameAnswer.failed("timeout");
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.toLowerCase(Locale.ROOT).contains("timed out")) {
                return NameAnswer.failed("timeout");
            }
            if (m.toLowerCase(Locale.ROOT).contains("refused")) {
                return NameAnswer.failed("connection refused");
            }
            return NameAnswer.failed("error: " + m);
        }
        if (signed && !resp.isVerified()) {
            return NameAnswer.failed("answer not signed with the server's TSIG key: not believed");
        }
        return answer(resp);
    }

    /** The rcode and A records of a believed answer. */
    public static NameAnswer answer(Message resp) {
        return NameAnswer.answered(Rcode.string(resp.getRcode()), resp.getSection(Section.ANSWER).stream()
                .filter(ARecord.class::isInstance).map(a -> ((ARecord) a).getAddress().getHostAddress()).toList());
    }

    /** An A query for {@code fqdn}. */
    public static Message query(String fqdn) {
        return Message.newQuery(Record.newRecord(absolute(fqdn), Type.A, DClass.IN));
    }

    private static Name absolute(String fqdn) {
        try {
            return Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + fqdn, e);
        }
    }
}
