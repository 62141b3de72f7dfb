package io.apimdnssync.bench;

import io.apimdnssync.reconcile.ReconcileReport;
import io.apimdnssync.reconcile.Rounds;
import io.apimdnssync.reconcile.Trigger;
import io.apimdnssync.reconcile.WorkQueue;
import io.apimdnssync.sandbox.ArmEmulator;
import io.apimdnssync.sandbox.RequestLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Not a test: {@code ./mvnw -Pbenchmark test -Dtest=ReconcileBenchmark} — a fleet of 100 instances with one zone per
 * host name (500 zones): the first full pass, and the steady-state resync, with the ARM calls each costs.
 */
@QuarkusTest
class ReconcileBenchmark {
    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final int INSTANCES = 100;

    @Inject
    ArmEmulator emulator;
    @Inject
    WorkQueue queue;
    @Inject
    Rounds rounds;

    final HttpClient http = HttpClient.newHttpClient();

    void put(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + emulator.port() + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
    }

    @Test
    void run() throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + emulator.port() + "/sandbox/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        for (int i = 0; i < INSTANCES; i++) {
            String name = "fleet" + i;
            String vnet = "/subscriptions/" + SUB + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-" + name;
            put("/sandbox/services", """
                {"id":"/subscriptions/%1$s/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/%2$s",
                 "name":"%2$s","type":"Microsoft.ApiManagement/service","tags":{},"location":"West Europe","etag":"AAAA",
                 "properties":{"provisioningState":"Succeeded","targetProvisioningState":"",
                  "gatewayUrl":"https://%2$s.azure-api.net","portalUrl":"https://%2$s.portal.azure-api.net",
                  "developerPortalUrl":"https://%2$s.developer.azure-api.net",
                  "managementApiUrl":"https://%2$s.management.azure-api.net","scmUrl":"https://%2$s.scm.azure-api.net",
                  "publicIPAddresses":["20.9.%3$d.%4$d"],"privateIPAddresses":["10.9.%3$d.%4$d"],
                  "virtualNetworkConfiguration":{"subnetResourceId":"%5$s/subnets/snet-apim"},
                  "virtualNetworkType":"Internal"},
                 "sku":{"name":"Developer","capacity":1}}
                """.formatted(SUB, name, i / 250, i % 250 + 1, vnet));
            for (String z : new String[] {"", "portal.", "developer.", "management.", "scm."}) {
                put("/sandbox/zones", "{\"id\":\"/subscriptions/" + SUB + "/resourceGroups/rg-dns/providers/"
                        + "Microsoft.Network/privateDnsZones/" + name + "." + z + "azure-api.net\",\"links\":[\"" + vnet
                        + "\"]}");
            }
        }
        StringBuilder out = new StringBuilder("\n## Reconcile, " + INSTANCES + " instances, one zone per host name\n\n");
        for (String label : new String[] {"first full pass (creates everything)", "steady-state resync"}) {
            emulator.requests().clear();
            long start = System.nanoTime();
            ReconcileReport r = rounds.resync(Trigger.of("bench"), false).get(10, TimeUnit.MINUTES);
            double secs = (System.nanoTime() - start) / 1e9;
            long reads = emulator.requests().matching(e -> e.method().equals("GET")).size();
            long writes = emulator.requests().matching(RequestLog.Entry::isWrite).size();
            String line = String.format("%s: %.1f s, %d zones listed, %d ARM reads, %d writes, %d applied",
                    label, secs, r.zonesListed(), reads, writes, r.applied().size());
            System.out.println("[benchmark] " + line);
            out.append("- ").append(line).append('\n');
        }
        Files.writeString(Path.of("target/benchmark.md"), out.toString(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
