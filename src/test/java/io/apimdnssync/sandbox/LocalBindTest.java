package io.apimdnssync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The tests rely on a started BIND answering for its zone at once (it listens before its zones are loaded). */
class LocalBindTest {
    @Test
    void aStartedBindAnswersForItsZoneAtOnce() throws Exception {
        Path named = LocalBind.findNamed().orElse(null);
        assumeTrue(named != null, "BIND is not installed (.ci/run installs it)");
        // Enough records that loading takes a noticeable while after named starts listening.
        StringBuilder many = new StringBuilder("api IN A 10.0.0.1\n");
        for (int h = 0; h < 100_000; h++) {
            many.append("h").append(h).append(" IN A 10.1.").append(h / 250 % 250).append('.').append(h % 250)
                    .append('\n');
        }
        for (int i = 0; i < 3; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path dir = Files.createTempDirectory("local-bind-test");
            LocalBind bind = LocalBind.start(named, dir, port, "k", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0", "example.org",
                    many.toString());
            try {
                SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                r.setTCP(true);
                r.setTimeout(Duration.ofSeconds(2));
                Message answer = r.send(Message.newQuery(
                        Record.newRecord(Name.fromString("api.example.org."), Type.A, DClass.IN)));
                assertEquals(Rcode.NOERROR, answer.getRcode(), "start " + i + ": " + Rcode.string(answer.getRcode()));
                assertEquals(1, answer.getSection(org.xbill.DNS.Section.ANSWER).size(), answer.toString());
            } finally {
                bind.stop();
            }
        }
    }
}
