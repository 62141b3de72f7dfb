package io.apimdnssync.provider.rfc2136;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.config.DnsServerSettings;
import io.apimdnssync.config.ReadMode;
import io.apimdnssync.config.Transport;
import io.apimdnssync.config.TsigAlgorithm;
import io.apimdnssync.plan.Change;
import io.apimdnssync.plan.ZoneRef;
import io.apimdnssync.provider.ApplyResult;
import io.apimdnssync.provider.ProviderException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A forged answer is not believed: a tiny UDP responder on loopback answers every request NOERROR — unsigned, signed
 * with another secret, or (the control) signed with the right key. Real BIND signs its answers (Rfc2136Test).
 */
class ForgedAnswerTest {
    static final String KEY = "apim-dns-sync";
    static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ=";
    static final String OTHER = "b3RoZXItb3RoZXItb3RoZXItb3RoZXItb3RoZXItMTI=";

    enum Signing {
        NONE,
        WRONG_SECRET,
        RIGHT
    }

    final AtomicReference<Signing> signing = new AtomicReference<>(Signing.NONE);
    final DatagramSocket socket;
    /** TCP on the same port number as {@link #socket} (transfers go over TCP), bound together so none is taken. */
    final java.net.ServerSocket tcp;
    final Thread responder;

    ForgedAnswerTest() throws Exception {
        java.net.ServerSocket tcpSocket = null;
        DatagramSocket udp = null;
        for (int i = 0; udp == null && i < 50; i++) {
            tcpSocket = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            try {
                udp = new DatagramSocket(tcpSocket.getLocalPort(), InetAddress.getLoopbackAddress());
            } catch (java.net.SocketException taken) {
                tcpSocket.close();
            }
        }
        if (udp == null) {
            throw new IllegalStateException("no port free for both UDP and TCP");
        }
        socket = udp;
        tcp = tcpSocket;
        responder = new Thread(this::answer, "forged-dns");
        responder.setDaemon(true);
        responder.start();
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        tcp.close();
    }

    private void answer() {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Message query = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Message resp = new Message(query.getHeader().getID());
                resp.getHeader().setFlag(Flags.QR);
                resp.getHeader().setOpcode(query.getHeader().getOpcode());
                resp.getHeader().setRcode(Rcode.NOERROR);
                if (query.getQuestion() != null) {
                    resp.addRecord(query.getQuestion(), Section.QUESTION);
                }
                switch (signing.get()) {
                    case NONE -> {
                    }
                    case WRONG_SECRET -> resp.setTSIG(tsig(OTHER), Rcode.NOERROR, query.getTSIG());
                    case RIGHT -> resp.setTSIG(tsig(SECRET), Rcode.NOERROR, query.getTSIG());
                }
                byte[] out = resp.toWire(65535);
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (Exception e) {
                if (!socket.isClosed()) {
                    e.printStackTrace();
                }
            }
        }
    }

    static TSIG tsig(String secret) {
        return new TSIG(TSIG.HMAC_SHA256, Rfc2136Provider.absolute(KEY), secret);
    }

    Rfc2136Provider provider() {
        return new Rfc2136Provider(new DnsServerSettings("forged", "127.0.0.1", socket.getLocalPort(),
                List.of("example.internal"), Transport.UDP, Duration.ofSeconds(2), ReadMode.QUERY,
                Optional.of(new DnsServerSettings.TsigKey(KEY, TsigAlgorithm.HMAC_SHA256, SECRET))), "owner-1");
    }

    ApplyResult create(Rfc2136Provider p) {
        ZoneRef zone = p.zones().get(0);
        return p.apply(zone, List.of(new Change(Change.Action.CREATE, zone, "api", "/subscriptions/s/x",
                List.of("10.0.0.1"), 300, Optional.empty())));
    }

    @Test
    void anUnsignedNoerrorIsNotBelieved() {
        Rfc2136Provider p = provider();
        ApplyResult r = create(p);
        assertEquals(List.of(), r.applied());
        assertEquals(1, r.failed().size());
        assertTrue(r.failed().get(0).error().contains("is not signed"), r.failed().toString());
        ProviderException read = assertThrows(ProviderException.class,
                () -> p.list(p.zones().get(0), Set.of("api"), Priority.KEYED));
        assertTrue(read.getMessage().contains("not believed"), read.getMessage());
    }

    @Test
    void anAnswerSignedWithAnotherSecretIsNotBelieved() {
        signing.set(Signing.WRONG_SECRET);
        ApplyResult r = create(provider());
        assertEquals(List.of(), r.applied());
        assertTrue(r.failed().get(0).error().contains("does not verify"), r.failed().toString());
    }

    @Test
    void aCorrectlySignedAnswerIsBelieved() {
        signing.set(Signing.RIGHT);
        Rfc2136Provider p = provider();
        assertEquals(1, create(p).applied().size());
        assertEquals(List.of(), p.list(p.zones().get(0), Set.of("api"), Priority.KEYED));
    }

    @Test
    void aRefusedTransferIsAskedForAgainAfterAnHour() throws Exception {
        signing.set(Signing.RIGHT);
        java.util.concurrent.atomic.AtomicInteger transfers = new java.util.concurrent.atomic.AtomicInteger();
        Thread t = new Thread(() -> refuseTransfers(tcp, transfers), "refusing-axfr");
        t.setDaemon(true);
        t.start();
        MutableClock clock = new MutableClock();
        Rfc2136Provider p = new Rfc2136Provider(new DnsServerSettings("refusing", "127.0.0.1",
                socket.getLocalPort(), List.of("example.internal"), Transport.UDP, Duration.ofSeconds(2),
                ReadMode.AUTO, Optional.of(new DnsServerSettings.TsigKey(KEY, TsigAlgorithm.HMAC_SHA256,
                        SECRET))),
                "owner-1", clock, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        ZoneRef zone = p.zones().get(0);
        assertTrue(p.listsWholeZones());
        assertEquals(List.of(), p.list(zone, Set.of("api"), Priority.RESYNC), "per-name queries after a refusal");
        assertEquals(1, transfers.get());
        assertTrue(!p.listsWholeZones());
        p.list(zone, Set.of("api"), Priority.RESYNC);
        assertEquals(1, transfers.get(), "not asked again within the hour");
        clock.advance(Rfc2136Provider.AXFR_RETRY.plusSeconds(1));
        assertTrue(p.listsWholeZones(), "asked again after an hour");
        p.list(zone, Set.of("api"), Priority.RESYNC);
        assertEquals(2, transfers.get());
    }

    /** Answers every AXFR over TCP with REFUSED, as a server without allow-transfer does. */
    private static void refuseTransfers(java.net.ServerSocket tcp,
            java.util.concurrent.atomic.AtomicInteger transfers) {
        while (!tcp.isClosed()) {
            try (java.net.Socket s = tcp.accept()) {
                java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                byte[] q = new byte[in.readUnsignedShort()];
                in.readFully(q);
                transfers.incrementAndGet();
                Message query = new Message(q);
                Message resp = new Message(query.getHeader().getID());
                resp.getHeader().setFlag(Flags.QR);
                resp.getHeader().setRcode(Rcode.REFUSED);
                resp.addRecord(query.getQuestion(), Section.QUESTION);
                resp.setTSIG(tsig(SECRET), Rcode.NOERROR, query.getTSIG());
                byte[] out = resp.toWire(65535);
                java.io.DataOutputStream o = new java.io.DataOutputStream(s.getOutputStream());
                o.writeShort(out.length);
                o.write(out);
                o.flush();
            } catch (Exception e) {
                // closed at the end of the test
            }
        }
    }

    static final class MutableClock extends java.time.Clock {
        private java.time.Instant now = java.time.Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }
}
