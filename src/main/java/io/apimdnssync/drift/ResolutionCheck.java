package io.apimdnssync.drift;

import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.desired.DesiredRecord;
import io.apimdnssync.desired.InstanceDesire;
import io.apimdnssync.plan.Finding;
import io.apimdnssync.reconcile.Verifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What clients actually see: every desired name is asked of the configured resolvers (the VNET's DNS servers, or
 * 168.63.129.16 inside Azure), and an answer that differs from the desired addresses is a
 * {@code resolution-mismatch}.
 */
@ApplicationScoped
public class ResolutionCheck implements Verifier {
    private final List<String> resolvers;
    private final java.time.Duration timeout;

    ResolutionCheck(SyncConfig config) {
        this.resolvers = config.verify().resolvers().orElse(List.of()).stream().map(String::trim)
                .filter(r -> !r.isEmpty()).toList();
        this.timeout = config.verify().timeout();
    }

    @Override
    public List<Finding> verify(InstanceDesire desire) {
        return check(List.of(desire));
    }

    public List<Finding> check(List<InstanceDesire> desires) {
        List<Finding> out = new ArrayList<>();
        for (String resolver : resolvers) {
            SimpleResolver r;
            try {
                r = resolver(resolver);
            } catch (IOException | IllegalArgumentException e) {
                out.add(Finding.of(Finding.Kind.RESOLUTION_MISMATCH, "", "", "", "resolver '" + resolver
                        + "' is not usable: " + e.getMessage()));
                continue;
            }
            for (InstanceDesire d : desires) {
                if (d.verdict() != InstanceDesire.Verdict.PUBLISH) {
                    continue;
                }
                for (DesiredRecord rec : d.records()) {
                    String answer = ask(r, rec.fqdn());
                    String want = String.join(",", rec.ips());
                    if (!answer.equals(want)) {
                        out.add(Finding.of(Finding.Kind.RESOLUTION_MISMATCH, d.instance().key(), rec.fqdn(), "",
                                "resolver " + resolver + " answers " + (answer.isEmpty() ? "nothing" : answer)
                                        + " for " + rec.fqdn() + ", desired " + want));
                    }
                }
            }
        }
        return out;
    }

    /** The sorted addresses, or the failure in words ("NXDOMAIN", "timeout"). */
    private String ask(SimpleResolver r, String fqdn) {
        try {
            Message resp = r.send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), Type.A, DClass.IN)));
            if (resp.getRcode() != Rcode.NOERROR) {
                return Rcode.string(resp.getRcode());
            }
            return String.join(",", resp.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                    .map(a -> ((ARecord) a).getAddress().getHostAddress()).sorted().toList());
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            return m.contains("timed out") ? "timeout" : "error (" + e.getMessage() + ")";
        }
    }

    private SimpleResolver resolver(String spec) throws IOException {
        String host = spec;
        int port = 53;
        int colon = spec.lastIndexOf(':');
        if (colon > 0 && spec.indexOf(':') == colon) {
            host = spec.substring(0, colon);
            port = Integer.parseInt(spec.substring(colon + 1));
        }
        SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
        r.setTimeout(timeout);
        return r;
    }
}
