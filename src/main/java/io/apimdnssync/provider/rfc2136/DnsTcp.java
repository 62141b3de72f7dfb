package io.apimdnssync.provider.rfc2136;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** DNS over TCP (RFC 1035 §4.2.2: each message preceded by its two-byte length). */
final class DnsTcp {
    private DnsTcp() {
    }

    /** One query, one answer. */
    static byte[] exchange(String address, int port, byte[] query, Duration timeout) throws IOException {
        try (Connection c = open(address, port, timeout)) {
            c.send(query);
            return c.receive();
        }
    }

    static Connection open(String address, int port, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getByName(address), port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            return new Connection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A connection on which several messages may come back (a zone transfer). */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        void send(byte[] message) throws IOException {
            out.writeShort(message.length);
            out.write(message);
            out.flush();
        }

        byte[] receive() throws IOException {
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            return answer;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
