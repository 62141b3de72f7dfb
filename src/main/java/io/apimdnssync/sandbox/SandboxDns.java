package io.apimdnssync.sandbox;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The sandbox's stand-in for Azure's resolver (168.63.129.16) seen from a VNET: on 127.0.0.1 over UDP and TCP it
 * answers A queries from the Private DNS zones linked to that VNET — the most specific linked zone decides, a name it
 * does not hold is NXDOMAIN (no fallback to the internet), and the answer is recursive (RA, not AA), as Azure's is.
 * Names outside every linked zone would go to public DNS, which the sandbox does not reach: NXDOMAIN too.
 */
@ApplicationScoped
@IfBuildProfile(anyOf = {"dev", "test"})
public class SandboxDns {
    private static final Logger LOG = Logger.getLogger(SandboxDns.class);

    @Inject
    SandboxConfig config;
    @Inject
    ArmEmulator emulator;

    private static final int MAX_CONNECTIONS = 64;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private DatagramSocket udp;
    private ServerSocket tcp;
    private volatile boolean running;

    void start(@Observes @Priority(20) StartupEvent e) throws IOException {
        if (!config.enabled() || !config.dns().enabled()) {
            return;
        }
        bind(InetAddress.getLoopbackAddress());
        running = true;
        thread("sandbox-dns-udp", this::serveUdp);
        thread("sandbox-dns-tcp", this::serveTcp);
        LOG.infof("Sandbox resolver (Azure's 168.63.129.16 as a linked VNET sees it) on 127.0.0.1:%d (UDP and TCP): "
                + "dig @127.0.0.1 -p %d <name>", tcp.getLocalPort(), tcp.getLocalPort());
    }

    /** UDP first (port 0 picks one), then TCP on the same port; a port taken for TCP meanwhile: another try. */
    private void bind(InetAddress loopback) throws IOException {
        for (int attempt = 1;; attempt++) {
            udp = new DatagramSocket(new InetSocketAddress(loopback, config.dns().port()));
            try {
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return;
            } catch (IOException ex) {
                udp.close();
                tcp.close();
                tcp = null;
                if (config.dns().port() != 0 || attempt == 5) {
                    throw ex;
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent e) {
        running = false;
        if (udp != null) {
            udp.close();
        }
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }

    /** {@code 127.0.0.1:port}; empty when the responder is off. */
    public Optional<String> address() {
        return tcp == null ? Optional.empty()
                : Optional.of("127.0.0.1:" + tcp.getLocalPort());
    }

    private static void thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void serveUdp() {
        byte[] buf = new byte[4096]; // EDNS queries may exceed 512 bytes
        while (running) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                udp.receive(in);
                byte[] out = answer(Arrays.copyOf(in.getData(), in.getLength()), 512);
                if (out.length > 0) {
                    udp.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                }
            } catch (IOException | RuntimeException ex) {
                if (running) {
                    LOG.warnf("sandbox resolver (udp): %s", ex.toString());
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket s = tcp.accept();
                if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                    connections.decrementAndGet();
                    s.close(); // a resolver under a connection flood drops what it cannot serve
                    continue;
                }
                thread("sandbox-dns-tcp-conn", () -> {
                    try {
                        serveConnection(s);
                    } finally {
                        connections.decrementAndGet();
                    }
                });
            } catch (IOException ex) {
                if (running) {
                    LOG.warnf("sandbox resolver (tcp): %s", ex.toString());
                }
            }
        }
    }

    private void serveConnection(Socket s) {
        try (s;
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            s.setSoTimeout(10_000);
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (java.io.EOFException eof) {
                    return;
                }
                byte[] query = new byte[length];
                in.readFully(query);
                byte[] answer = answer(query, 65535);
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException | RuntimeException ex) {
            LOG.debugf("sandbox resolver (tcp connection): %s", ex.toString());
        }
    }

    /** The response bytes; empty when the query cannot even be parsed (a resolver drops those). */
    byte[] answer(byte[] query, int maxLength) {
        Message q;
        try {
            q = new Message(query);
        } catch (IOException ex) {
            return new byte[0];
        }
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        if (q.getHeader().getFlag(Flags.QR)) {
            return new byte[0]; // a response is not answered
        }
        Record question = q.getQuestion();
        if (question == null || q.getHeader().getOpcode() != 0) {
            r.getHeader().setRcode(question == null ? Rcode.FORMERR : Rcode.NOTIMP);
            return r.toWire(maxLength);
        }
        if (question.getDClass() != DClass.IN || question.getType() == Type.AXFR || question.getType() == Type.IXFR) {
            r.addRecord(question, Section.QUESTION);
            r.getHeader().setRcode(Rcode.REFUSED); // Azure's resolver serves IN queries, no zone transfers
            return r.toWire(maxLength);
        }
        r.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        SandboxState.Resolution res = emulator.state().resolve(name.toString(true), vnets());
        if (res.zone().isEmpty() || !res.exists()) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
            res.zone().ifPresent(z -> r.addRecord(soa(z), Section.AUTHORITY));
            return r.toWire(maxLength);
        }
        if (question.getType() == Type.A || question.getType() == Type.ANY) {
            for (String ip : res.ips()) {
                try {
                    r.addRecord(new ARecord(name, DClass.IN, res.ttl(), Address.getByAddress(ip, Address.IPv4)),
                            Section.ANSWER);
                } catch (IOException | IllegalArgumentException ex) {
                    LOG.warnf("sandbox resolver: record %s holds '%s', not an address", name, ip);
                }
            }
        }
        if (r.getSection(Section.ANSWER).isEmpty()) {
            r.addRecord(soa(res.zone().get()), Section.AUTHORITY);
        }
        return r.toWire(maxLength);
    }

    private Set<String> vnets() {
        return config.dns().vnets().map(v -> v.stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet())).orElseGet(() -> emulator.state().serviceVnets());
    }

    /** Azure Private DNS's SOA (its values as the portal shows them for a new zone). */
    private static SOARecord soa(String zone) {
        try {
            Name origin = Name.fromString(zone + ".");
            return new SOARecord(origin, DClass.IN, 10, Name.fromString("azureprivatedns.net."),
                    Name.fromString("azureprivatedns-host.microsoft.com."), 1, 3600, 300, 2419200, 10);
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a zone name: " + zone, ex);
        }
    }
}
