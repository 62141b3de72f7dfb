package io.apimdnssync.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.it.PackagedApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The daemon's resident memory with the image's JVM flags (read from deployment/Dockerfile): the packaged daemon as
 * a process of its own against the packaged sandbox (the benchmark profile packages both before its tests), at 1
 * instance and at 101 (each with 7 names in zones of their own), after a steady resync round. No memory limit: the
 * flags must hold the heap down by themselves. Results also go to target/benchmark.md.
 */
class MemoryBenchmark {
    static final int MANAGEMENT = 18991;

    static List<String> imageFlags() throws Exception {
        Matcher m = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"")
                .matcher(Files.readString(Path.of("deployment/Dockerfile")));
        assertTrue(m.find(), "the Dockerfile sets JAVA_OPTS");
        return new ArrayList<>(Arrays.asList(m.group(1).trim().split("\\s+")));
    }

    static long rssMegabytes(Process p) throws Exception {
        return status(p, "VmRSS:");
    }

    /** The peak RSS so far. */
    static long peakMegabytes(Process p) throws Exception {
        return status(p, "VmHWM:");
    }

    static long status(Process p, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + p.pid());
    }

    @Test
    void residentMemoryAtOneAndAHundredAndOneInstances() throws Exception {
        try (PackagedApps apps = new PackagedApps("memory-benchmark", 18943)) {
            apps.standIn(18980, 18954, List.of());
            List<String> flags = imageFlags();
            flags.add("-Djava.io.tmpdir=target/memory-benchmark");
            Process daemon = apps.daemon("daemon", 18981, MANAGEMENT, flags);
            String reconcile = "http://localhost:" + MANAGEMENT + "/api/v1/reconcile";
            await().atMost(Duration.ofSeconds(60)).until(() -> !apps.get("/sandbox/zones")
                    .path("contoso.azure-api.net").path("@").path("ips").isEmpty());
            apps.send("POST", reconcile, "");
            long one = rssMegabytes(daemon);

            String sub = PackagedApps.SUB;
            for (int i = 0; i < 100; i++) {
                String vnet = "/subscriptions/" + sub + "/resourceGroups/rg-network/providers/Microsoft.Network/"
                        + "virtualNetworks/vnet-fleet" + i;
                for (String z : List.of("", "portal.", "developer.", "management.", "scm.")) {
                    apps.send("PUT", "/sandbox/zones", "{\"id\":\"/subscriptions/" + sub + "/resourceGroups/rg-dns/"
                            + "providers/Microsoft.Network/privateDnsZones/fleet" + i + "." + z + "azure-api.net\","
                            + "\"links\":[\"" + vnet + "\"]}");
                }
                apps.send("PUT", "/sandbox/services", """
                        {"id":"/subscriptions/%1$s/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/fleet%2$d",
                         "name":"fleet%2$d","type":"Microsoft.ApiManagement/service","location":"West Europe","etag":"AAAA",
                         "tags":{},"properties":{"provisioningState":"Succeeded","gatewayUrl":"https://fleet%2$d.azure-api.net",
                         "portalUrl":"https://fleet%2$d.portal.azure-api.net","developerPortalUrl":"https://fleet%2$d.developer.azure-api.net",
                         "managementApiUrl":"https://fleet%2$d.management.azure-api.net","scmUrl":"https://fleet%2$d.scm.azure-api.net",
                         "publicIPAddresses":["20.9.0.%3$d"],"privateIPAddresses":["10.9.0.%3$d"],
                         "virtualNetworkConfiguration":{"subnetResourceId":"%4$s/subnets/snet-apim"},"virtualNetworkType":"Internal"},
                         "sku":{"name":"Developer","capacity":1}}
                        """.formatted(sub, i, i + 1, vnet));
            }
            apps.send("POST", reconcile, ""); // discovers the zones, writes 500 records
            long written = 0;
            var zones = apps.get("/sandbox/zones");
            for (var it = zones.fieldNames(); it.hasNext();) {
                String z = it.next();
                written += z.startsWith("fleet") && zones.path(z).size() > 0 ? 1 : 0;
            }
            assertTrue(written == 500, written + " of 500 fleet zones written");
            apps.send("POST", reconcile, ""); // a steady round: reads everything, writes nothing
            long hundred = rssMegabytes(daemon);
            long peak = peakMegabytes(daemon);

            String report = "\n## Memory: RSS of the packaged daemon with the image's JVM flags (no memory limit)\n\n"
                    + "flags: `" + String.join(" ", imageFlags()) + "`\n\n"
                    + "- 1 instance, after a steady round: " + one + " MB\n"
                    + "- 101 instances (707 names, 500 + 8 zones), after a steady round: " + hundred + " MB (peak "
                    + peak
                    + " MB, during the round that wrote the 500 zones)\n";
            System.out.print(report);
            Files.writeString(Path.of("target/benchmark.md"), report, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }
}
