package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two daemons without leader election — active-active, as two Container Apps replicas or two VMs would run — against
 * one ARM stand-in: the packaged daemon ({@code target/quarkus-app}) twice, and the sandbox packaged with the dev
 * build profile ({@code target/sandbox-app}), each a process of its own (failsafe runs this after {@code package}).
 * Both get every Event Grid delivery at the same moment (two event subscriptions), watch for changes every second
 * and resync every few seconds, so both act on every VIP change at once and race for each write. Proved from the stand-in's request log and its records: the records
 * converge on the last VIP, never go back to an older one, no write is lost, and duplicate writes stay bounded.
 */
class TwoDaemonsIT {
    static PackagedApps apps;

    @BeforeAll
    static void start() throws Exception {
        apps = new PackagedApps("two-daemons", 18843);
        apps.standIn(18880, 18854, List.of("http://localhost:18881/api/v1/events?code=it-secret",
                "http://localhost:18882/api/v1/events?code=it-secret"));
        List<String> options = List.of("-Xms16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dapim-dns-sync.events.watch.interval=1s", "-Dapim-dns-sync.reconcile.resync-interval=3s",
                "-Dapim-dns-sync.reconcile.update-poll-interval=1s", "-Dapim-dns-sync.sweep.enabled=false");
        apps.daemon("a", 18881, 18891, options);
        apps.daemon("b", 18882, 18892, options);
    }

    @AfterAll
    static void stop() {
        if (apps != null) {
            apps.close();
        }
    }

    static JsonNode send(String method, String path, String body) throws Exception {
        return apps.send(method, path, body);
    }

    /** The gateway's A record as the stand-in holds it. */
    static List<String> gateway() throws Exception {
        List<String> ips = new ArrayList<>();
        JsonNode z = apps.get("/sandbox/zones");
        if (z != null) {
            z.path("contoso.azure-api.net").path("@").path("ips").forEach(ip -> ips.add(ip.asText()));
        }
        return ips;
    }

    static JsonNode service() throws Exception {
        return send("PATCH", "/sandbox/services/contoso", "{}"); // an empty merge: the service as it is
    }

    static String vip(JsonNode service) {
        return service.path("properties").path("privateIPAddresses").path(0).asText();
    }

    @Test
    void bothConvergeOnEveryChangeWithoutLostUpdatesFlappingOrUnboundedDuplicateWrites() throws Exception {
        List<String> vips = new ArrayList<>();
        vips.add(vip(service()));
        await().atMost(Duration.ofSeconds(60)).until(() -> gateway().equals(List.of(vips.get(0))));
        send("DELETE", "/sandbox/requests", "");

        int changes = 6;
        for (int i = 0; i < changes; i++) {
            String zones = i % 2 == 0 ? "[\"1\",\"2\"]" : "[\"1\"]";
            send("POST", "/sandbox/services/contoso/operations",
                    "{\"type\":\"set-zones\",\"zones\":" + zones + ",\"delaySeconds\":0.5}");
            String before = vips.get(vips.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode s = service();
                return s.path("properties").path("provisioningState").asText().equals("Succeeded")
                        && !vip(s).equals(before);
            });
            vips.add(vip(service()));
            String expected = vips.get(vips.size() - 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway().equals(List.of(expected)));
        }
        // Both daemons keep resyncing (every 3 s) and watching (every 1 s): nothing more is written.
        long writesAtEnd = recordWrites().size();
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> recordWrites().size() == writesAtEnd);
        assertEquals(List.of(vips.get(vips.size() - 1)), gateway(), "converged on the last VIP");

        // No flapping, no lost update: the successful writes, in the stand-in's order, wrote the VIPs in order,
        // each once — never an older one after a newer one.
        List<JsonNode> writes = recordWrites();
        List<String> written = new ArrayList<>();
        for (JsonNode w : writes) {
            if (w.path("status").asInt() / 100 == 2) {
                List<String> ips = new ArrayList<>();
                PackagedApps.JSON.readTree(w.path("body").asText()).path("properties").path("aRecords")
                        .forEach(r -> ips.add(r.path("ipv4Address").asText()));
                written.add(String.join(",", ips));
            }
        }
        assertEquals(vips.subList(1, vips.size()), written, "the values written, in order");
        long succeeded = writes.stream().filter(w -> w.path("status").asInt() / 100 == 2).count();
        long refused = writes.stream().filter(w -> w.path("status").asInt() == 412).count();
        System.out.printf("two daemons, %d VIP changes: %d successful writes of the gateway record, %d refused "
                + "with 412 (ETag), %d duplicate writes%n", changes, succeeded, refused, succeeded - changes);
        assertEquals(changes, succeeded, "each change written once");
        // Every write was conditional: without that, a slower daemon would put back an older VIP.
        assertTrue(writes.stream().allMatch(w -> !w.path("ifMatch").asText("").isEmpty()
                || !w.path("ifNoneMatch").asText("").isEmpty()), writes.toString());
    }

    /** The stand-in's log of writes to the gateway's record set (PUT or DELETE, any status). */
    static List<JsonNode> recordWrites() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        apps.get("/sandbox/requests").forEach(e -> {
            String method = e.path("method").asText();
            if ((method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH"))
                    && e.path("path").asText().toLowerCase(java.util.Locale.ROOT)
                            .endsWith("/privatednszones/contoso.azure-api.net/a/@")) {
                out.add(e);
            }
        });
        return out;
    }
}
