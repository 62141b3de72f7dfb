package io.apimdnssync.it;

import static io.apimdnssync.it.SandboxDriver.CONTOSO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.reconcile.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** The audit trail: one line per DNS change, with its reason, and the fields as MDC (JSON fields in prod). */
@QuarkusTest
class ChangeLogTest extends SandboxTestBase {
    record Line(String message, String reason, String name, String old, String now) {
    }

    static final class Capture extends Handler {
        final List<Line> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            ExtLogRecord e = (ExtLogRecord) r;
            lines.add(new Line(e.getFormattedMessage(), e.getMdc("change.reason"), e.getMdc("change.name"),
                    e.getMdc("change.old"), e.getMdc("change.new")));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyChangeIsOneLineWithItsReason() throws Exception {
        Capture capture = new Capture();
        Logger logger = Logger.getLogger("io.apimdnssync.changes");
        logger.addHandler(capture);
        try {
            sandbox.pass();
            capture.lines.clear();
            sandbox.complete("contoso", "{\"type\":\"add-hostname\",\"hostName\":\"shop.contoso.com\","
                    + "\"delaySeconds\":0.2}");
            queue.reconcile(CONTOSO, Trigger.of("test"), false).get(1, TimeUnit.MINUTES);
            assertEquals(1, capture.lines.size(), capture.lines.toString());
            assertEquals("new-name", capture.lines.get(0).reason());
            assertEquals("shop.contoso.com", capture.lines.get(0).name());
            assertTrue(capture.lines.get(0).message().startsWith("CREATE shop.contoso.com"), capture.lines.toString());

            capture.lines.clear();
            sandbox.complete("contoso", "{\"type\":\"set-zones\",\"zones\":[\"2\"],\"delaySeconds\":0.2}");
            queue.reconcile(CONTOSO, Trigger.of("test"), false).get(1, TimeUnit.MINUTES);
            Line gw = capture.lines.stream().filter(l -> l.name().equals(GW)).findFirst().orElseThrow();
            assertEquals("vip-change", gw.reason());
            assertEquals("10.1.0.10", gw.old());
            assertEquals(sandbox.primaryPrivate(), gw.now());

            capture.lines.clear();
            String metadata = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(sandbox.metadata(GW, "@"));
            sandbox.putRecord(GW, "@", "{\"ips\":[\"10.66.66.66\"],\"metadata\":" + metadata + "}");
            queue.reconcile(CONTOSO, Trigger.of("test"), false).get(1, TimeUnit.MINUTES);
            assertEquals(1, capture.lines.size(), capture.lines.toString());
            assertEquals("drift-repair", capture.lines.get(0).reason(), "someone edited our record");
            assertEquals("10.66.66.66", capture.lines.get(0).old());
        } finally {
            logger.removeHandler(capture);
        }
    }
}
