package io.apimdnssync.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A BIND 9 ({@code named -g}) on loopback in a fresh directory: one dynamic primary zone, updatable and
 * transferable with one TSIG key. Used by the dev sandbox and by the tests.
 */
public final class LocalBind {
    private final Process process;
    private final Path dir;
    private final int port;

    private LocalBind(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static Optional<Path> findNamed() {
        for (String p : List.of("/usr/sbin/named", "/usr/local/sbin/named", "/usr/bin/named")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    public static LocalBind start(Path named, Path dir, int port, String keyName, String keySecret, String zone,
            String extraRecords) throws IOException, InterruptedException {
        Files.writeString(dir.resolve(zone + ".zone"), zoneHead(zone, "ns1." + zone) + "ns1 IN A 127.0.0.1\n"
                + extraRecords);
        Files.writeString(dir.resolve("named.conf"), options(dir, port, "")
                + "key \"" + keyName + "\" { algorithm hmac-sha256; secret \"" + keySecret + "\"; };\n"
                + "zone \"" + zone + "\" {\n"
                + "  type primary;\n"
                + "  file \"" + dir.resolve(zone + ".zone") + "\";\n"
                + "  update-policy { grant " + keyName + " zonesub ANY; };\n"
                + "  allow-transfer { key " + keyName + "; };\n"
                + "};\n");
        Process p = new ProcessBuilder(named.toString(), "-g", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
        LocalBind b = new LocalBind(p, dir, port);
        awaitLoaded(p, dir.resolve("named.log"), 0, port, Duration.ofSeconds(15));
        return b;
    }

    /** A zone file's start: TTL, SOA and NS ({@code nameServer} without the final dot). */
    public static String zoneHead(String zone, String nameServer) {
        return "$TTL 300\n"
                + "@ IN SOA " + nameServer + ". hostmaster." + zone + ". 1 3600 600 86400 300\n"
                + "@ IN NS " + nameServer + ".\n";
    }

    /**
     * named.conf's options and empty controls for a BIND of its own: files in {@code dir}, loopback {@code port}, no
     * recursion or notify; {@code extra} are more option lines.
     */
    public static String options(Path dir, int port, String extra) {
        return "options {\n"
                + "  directory \"" + dir + "\";\n"
                + "  pid-file \"" + dir.resolve("named.pid") + "\";\n"
                + "  session-keyfile \"" + dir.resolve("session.key") + "\";\n"
                + "  listen-on port " + port + " { 127.0.0.1; };\n"
                + "  listen-on-v6 { none; };\n"
                + "  recursion no;\n"
                + "  dnssec-validation no;\n"
                + "  notify no;\n"
                + extra
                + "};\n"
                + "controls { };\n";
    }

    /**
     * Waits until named has loaded its zones and accepts TCP connections on its port. It listens some tens of
     * milliseconds before its zones are loaded and answers SERVFAIL meanwhile, so the port alone is not enough.
     * {@code logFrom} is the log's length before this start (a restart may append to the same log).
     */
    public static void awaitLoaded(Process process, Path log, long logFrom, int port, Duration timeout)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("named exited: " + tail(log, logFrom));
            }
            if (tail(log, logFrom).contains("all zones loaded")) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return;
                } catch (IOException notYet) {
                    // loaded but not yet accepting: try again
                }
            }
            Thread.sleep(50);
        }
        throw new IOException("named did not start within " + timeout + ": " + tail(log, logFrom));
    }

    private static String tail(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        return new String(all, start, all.length - start, java.nio.charset.StandardCharsets.UTF_8);
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
