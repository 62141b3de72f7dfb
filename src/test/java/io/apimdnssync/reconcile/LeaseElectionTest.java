package io.apimdnssync.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Leader election against a Kubernetes API stand-in: fabric8's mock server in CRUD mode, which keeps the Lease as an
 * API server would (a mock: no cluster runs here). Two replicas: one leads; when it stops renewing (a crash, its
 * process frozen) the other takes over within the lease duration.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseElectionTest {
    static final LeaseElection.Timing FAST = new LeaseElection.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500),
            Duration.ofMillis(200));

    KubernetesClient client;

    /** One replica: its elector and whether it leads. */
    final class Replica {
        final AtomicBoolean leading = new AtomicBoolean();
        final String identity;
        final boolean releases;
        CompletableFuture<?> running;
        io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector elector;

        /** @param releases false: stopping it looks like a crash (the Lease is just no longer renewed) */
        Replica(String identity, boolean releases) {
            this.identity = identity;
            this.releases = releases;
        }

        Replica start() {
            elector = LeaseElection.elector(client, "apim-dns-sync", "apim-dns-sync", identity, FAST,
                    () -> leading.set(true), () -> leading.set(false), leader -> {
                    }, releases);
            running = elector.start();
            return this;
        }

    }

    Lease lease() {
        return client.leases().inNamespace("apim-dns-sync").withName("apim-dns-sync").get();
    }

    @Test
    void oneLeadsAndTheOtherTakesOverWithinTheLeaseDurationWhenTheLeaderStopsRenewing() {
        Replica a = new Replica("pod-a", false).start();
        await().atMost(Duration.ofSeconds(5)).until(a.leading::get);
        Replica b = new Replica("pod-b", true).start();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !b.leading.get());
        assertEquals("pod-a", lease().getSpec().getHolderIdentity());

        // The leader freezes: it neither renews nor releases (to the others a crash is a Lease no longer renewed).
        a.running.cancel(true);
        long frozenAt = System.nanoTime();
        await().atMost(FAST.lease().plus(FAST.retry()).plusSeconds(2)).until(b.leading::get);
        Duration takeover = Duration.ofNanos(System.nanoTime() - frozenAt);
        assertEquals("pod-b", lease().getSpec().getHolderIdentity());
        assertTrue(takeover.compareTo(FAST.lease().plusSeconds(2)) < 0, "took over after " + takeover);
        b.running.cancel(true);
    }
}
