package io.apimdnssync.bench;

import static org.awaitility.Awaitility.await;

import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.drift.DnsSweep;
import io.apimdnssync.events.ChangeWatch;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Not a test: {@code ./mvnw -Pbenchmark test} — a fleet of 100 instances with one zone per host name (7 names each:
 * 700 zones) at the default pacing: the first round, the steady-state round and its ARM reads against the lower
 * bound, a VIP change event arriving 2 s into a round, and 80 writes into one zone at 400 ms each.
 */
@QuarkusTest
class ReconcileBenchmark {
    static final String SUB = "00000000-0000-0000-0000-000000000000";
    static final int INSTANCES = 100;
    static final String[] ZONES = {"", "portal.", "developer.", "management.", "scm."};

    @Inject
    ArmEmulator emulator;
    @Inject
    WorkQueue queue;
    @Inject
    Rounds rounds;
    @Inject
    SyncConfig config;
    @Inject
    ChangeWatch changeWatch;
    @Inject
    DnsSweep sweep;

    final HttpClient http = HttpClient.newHttpClient();
    final StringBuilder out = new StringBuilder();

    void send(String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + emulator.port() + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
    }

    void zone(String name, String vnet) throws Exception {
        send("PUT", "/sandbox/zones", "{\"id\":\"/subscriptions/" + SUB + "/resourceGroups/rg-dns/providers/"
                + "Microsoft.Network/privateDnsZones/" + name + "\",\"links\":[\"" + vnet + "\"]}");
    }

    static String id(String name) {
        return "/subscriptions/" + SUB + "/resourcegroups/rg-apim/providers/microsoft.apimanagement/service/" + name;
    }

    void line(String s) {
        System.out.println("[benchmark] " + s);
        out.append("- ").append(s).append('\n');
    }

    @Test
    void run() throws Exception {
        send("POST", "/sandbox/reset", "");
        for (int i = 0; i < INSTANCES; i++) {
            String name = "fleet" + i;
            String vnet = "/subscriptions/" + SUB + "/resourceGroups/rg-network/providers/Microsoft.Network/"
                    + "virtualNetworks/vnet-" + name;
            send("PUT", "/sandbox/services", """
                {"id":"/subscriptions/%1$s/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/%2$s",
                 "name":"%2$s","type":"Microsoft.ApiManagement/service","tags":{},"location":"West Europe","etag":"AAAA",
                 "properties":{"provisioningState":"Succeeded","targetProvisioningState":"",
                  "gatewayUrl":"https://%2$s.azure-api.net","portalUrl":"https://%2$s.portal.azure-api.net",
                  "developerPortalUrl":"https://%2$s.developer.azure-api.net",
                  "managementApiUrl":"https://%2$s.management.azure-api.net","scmUrl":"https://%2$s.scm.azure-api.net",
                  "gatewayRegionalUrl":"https://%2$s-westeurope-01.regional.azure-api.net",
                  "hostnameConfigurations":[{"type":"Proxy","hostName":"api.%2$s.example","certificateSource":"Custom"}],
                  "publicIPAddresses":["20.9.%3$d.%4$d"],"privateIPAddresses":["10.9.%3$d.%4$d"],
                  "virtualNetworkConfiguration":{"subnetResourceId":"%5$s/subnets/snet-apim"},
                  "virtualNetworkType":"Internal"},
                 "sku":{"name":"Developer","capacity":1}}
                """.formatted(SUB, name, i / 250, i % 250 + 1, vnet));
            for (String z : ZONES) {
                zone(name + "." + z + "azure-api.net", vnet);
            }
            zone(name + "-westeurope-01.regional.azure-api.net", vnet);
            zone("api." + name + ".example", vnet);
        }
        out.append("\n## Reconcile, ").append(INSTANCES).append(" instances, one zone per host name (")
                .append(INSTANCES * 7).append(" zones), default pacing\n\n");
        round("first round (creates everything)");
        long linkReads = emulator.requests().matching(e -> e.method().equals("GET")
                && e.path().toLowerCase(java.util.Locale.ROOT).contains("/virtualnetworklinks")).size();
        ReconcileReport steady = round("steady-state round");
        int page = 100; // the sandbox's page size, as ARM's
        long instancePages = (steady.instances().size() + page - 1) / page;
        long zoneDiscoveryPages = (steady.zonesListed() + page - 1) / page;
        line(String.format("lower bound of a round's reads: %d = %d pages of instances + %d pages of zone discovery "
                + "+ 1 page per zone", instancePages + zoneDiscoveryPages + steady.zonesListed(), instancePages,
                zoneDiscoveryPages));
        readBudget(linkReads);
        eventDuringARound();
        writesInOneZone();
        Files.writeString(Path.of("target/benchmark.md"), out.toString(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /**
     * Steady-state ARM reads per hour at the defaults, against an ExternalDNS-style full listing of the same zones
     * every minute: a resync round (its reads as measured) and the links' refresh once per hour each, the change
     * watch's list every 30 s, and the DNS sweep (zero reads, measured).
     */
    void readBudget(long linkReads) throws Exception {
        emulator.requests().clear();
        changeWatch.check();
        long watchReads = emulator.requests().matching(e -> e.method().equals("GET")).size();
        emulator.requests().clear();
        DnsSweep.Result swept = sweep.sweep();
        long sweepReads = emulator.requests().matching(e -> e.method().equals("GET")).size();
        double perHour = Duration.ofHours(1).toSeconds();
        long rounds = (long) (perHour / config.reconcile().resyncInterval().toSeconds());
        long links = (long) (perHour / config.reconcile().linkCheckInterval().toSeconds());
        long watches = (long) (perHour / config.events().watch().interval().toSeconds());
        long sweeps = (long) (perHour / config.sweep().interval().toSeconds());
        long daemon = rounds * roundReads + links * linkReads + watches * watchReads + sweeps * sweepReads;
        long externalDns = 60 * roundReads;
        line(String.format(
                "steady-state ARM reads per hour at the defaults: %d = %d round(s) × %d + %d link refresh(es)"
                        + " × %d + %d watch lists × %d + %d DNS sweeps × %d (each sweep: %d DNS queries, %d mismatches)",
                daemon, rounds, roundReads, links, linkReads, watches, watchReads, sweeps, sweepReads,
                swept.queries(), swept.mismatches().size()));
        line(String.format("ExternalDNS-style (full listing every minute): %d reads per hour; the daemon reads 1/%.0f "
                + "of that (budget: at most 1/20)", externalDns, (double) externalDns / daemon));
    }

    /** The ARM reads of the latest round. */
    long roundReads;

    ReconcileReport round(String label) throws Exception {
        emulator.requests().clear();
        long start = System.nanoTime();
        ReconcileReport r = rounds.resync(Trigger.of("bench"), false).get(10, TimeUnit.MINUTES);
        double secs = (System.nanoTime() - start) / 1e9;
        long reads = emulator.requests().matching(e -> e.method().equals("GET")).size();
        roundReads = reads;
        long writes = emulator.requests().matching(RequestLog.Entry::isWrite).size();
        line(String.format("%s: %.1f s, %d zones listed, %d ARM reads, %d writes, %d applied", label, secs,
                r.zonesListed(), reads, writes, r.applied().size()));
        return r;
    }

    /** A VIP change whose event arrives 2 s into a round: how long until its gateway record is written. */
    void eventDuringARound() throws Exception {
        emulator.requests().clear();
        Instant roundStart = Instant.now();
        CompletableFuture<ReconcileReport> round = rounds.resync(Trigger.of("resync"), false);
        CompletableFuture.runAsync(() -> {
        }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS)).join();
        send("PATCH", "/sandbox/services/fleet42", "{\"properties\":{\"privateIPAddresses\":[\"10.99.0.42\"]}}");
        Instant event = Instant.now();
        queue.reconcile(id("fleet42"), Trigger.event("webhook", event), false);
        RequestLog.Entry written = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> emulator.requests().matching(e -> e.method().equals("PUT") && e.status() == 200
                        && e.pathMatches(".*/privatednszones/fleet42.azure-api.net/a/@")).stream().findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        ReconcileReport r = round.get(10, TimeUnit.MINUTES);
        Instant roundEnd = r.finishedAt();
        line(String.format("VIP change event %.1f s into a round of %d instances / %d zones: gateway record written "
                + "%d ms after the event; the round ended %.1f s after the event (%.1f s in all)",
                Duration.between(roundStart, event).toMillis() / 1000.0, r.instances().size(), r.zonesListed(),
                Duration.between(event, written.at()).toMillis(),
                Duration.between(event, roundEnd).toMillis() / 1000.0,
                Duration.between(roundStart, roundEnd).toMillis() / 1000.0));
    }

    /** 80 records created in one zone, each write taking 400 ms at ARM. */
    void writesInOneZone() throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            hosts.append(i == 0 ? "" : ",").append("{\"type\":\"Proxy\",\"hostName\":\"h").append(i)
                    .append(".fleet7.example\",\"certificateSource\":\"Custom\"}");
        }
        zone("fleet7.example", "/subscriptions/" + SUB + "/resourceGroups/rg-network/providers/Microsoft.Network/"
                + "virtualNetworks/vnet-fleet7");
        send("PATCH", "/sandbox/services/fleet7", "{\"properties\":{\"hostnameConfigurations\":[" + hosts + "]}}");
        send("POST", "/sandbox/faults", "{\"kind\":\"latency\",\"latencyMs\":400,\"method\":\"PUT\","
                + "\"path\":\".*/fleet7.example/a/.*\",\"count\":-1}");
        emulator.requests().clear();
        long start = System.nanoTime();
        ReconcileReport r = queue.reconcile(id("fleet7"), Trigger.of("bench"), false).get(5, TimeUnit.MINUTES);
        double secs = (System.nanoTime() - start) / 1e9;
        List<RequestLog.Entry> puts = emulator.requests().matching(e -> e.method().equals("PUT")
                && e.pathMatches(".*/fleet7.example/a/.*"));
        line(String.format("%d changes in one zone at 400 ms per write: %.1f s for the work item "
                + "(%d PUTs; writes within a zone run %d at a time)", r.applied().size(), secs, puts.size(),
                config.reconcile().concurrency()));
        send("DELETE", "/sandbox/faults", "");
    }
}
