package io.apimdnssync.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Leader election against a Kubernetes API stand-in: fabric8's mock server in CRUD mode, which keeps the Lease as an
 * API server would (a mock: no cluster runs here). Two replicas: one leads; when it stops renewing (a crash, its
 * process frozen) the other takes over within the lease duration; when it stops cleanly, at once. The leader label
 * (what the webhook's Service selects) follows the Lease.
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

    Pod pod(String name) {
        return client.pods().inNamespace("apim-dns-sync").withName(name).get();
    }

    String label(String name) {
        return pod(name).getMetadata().getLabels().getOrDefault(LeaderLabel.KEY, "");
    }

    void createPod(String name, String leaderLabel) {
        client.pods().inNamespace("apim-dns-sync").resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace("apim-dns-sync").addToLabels("app.kubernetes.io/name", "apim-dns-sync")
                .addToLabels(LeaderLabel.KEY, leaderLabel).endMetadata().build()).create();
    }

    /** A replica as the daemon runs it: its campaign, its leadership flag, the leader label on its pod. */
    LeaseElection.Campaign campaign(String pod, LeaseElection.Timing timing, Leadership leadership,
            AtomicInteger rounds) {
        LeaseElection.Campaign c = new LeaseElection.Campaign(client, "apim-dns-sync", "apim-dns-sync", pod, timing,
                leadership, rounds::incrementAndGet, Optional.of(new LeaderLabel(client, "apim-dns-sync", pod)));
        c.start();
        return c;
    }

    @Test
    void theLeaderLabelFollowsLeadershipAndAStoppingLeaderReleasesTheLeaseAtOnce() {
        // A long lease: a successor that waited for it to expire would take 20 s; a released one is taken at once.
        LeaseElection.Timing slow = new LeaseElection.Timing(Duration.ofSeconds(20), Duration.ofSeconds(15),
                Duration.ofMillis(200));
        createPod("pod-a", "false");
        createPod("pod-b", "false");
        createPod("pod-gone", "true"); // a deposed leader's label, left behind
        Leadership a = new Leadership(true, new SimpleMeterRegistry());
        Leadership b = new Leadership(true, new SimpleMeterRegistry());
        AtomicInteger roundsA = new AtomicInteger();
        AtomicInteger roundsB = new AtomicInteger();
        LeaseElection.Campaign ca = campaign("pod-a", slow, a, roundsA);
        await().atMost(Duration.ofSeconds(5)).until(a::leading);
        LeaseElection.Campaign cb = campaign("pod-b", slow, b, roundsB);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.leader().equals(Optional.of("pod-a")));
        await().atMost(Duration.ofSeconds(5)).until(() -> "true".equals(label("pod-a"))
                && "false".equals(label("pod-gone")) && roundsA.get() == 1);
        assertEquals("false", label("pod-b"));
        assertFalse(b.leading());
        assertEquals(Optional.empty(), a.labelProblem());

        long stoppedAt = System.nanoTime();
        ca.stop();
        assertFalse(a.leading());
        assertEquals("false", label("pod-a"), "the label goes first");
        await().atMost(Duration.ofSeconds(5)).until(b::leading);
        Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertTrue(takeover.compareTo(slow.lease()) < 0, "took over after " + takeover);
        await().atMost(Duration.ofSeconds(5)).until(() -> "true".equals(label("pod-b")) && roundsB.get() == 1);
        assertEquals(0, client.pods().inNamespace("apim-dns-sync").withLabel(LeaderLabel.KEY, "true").list()
                .getItems().stream().filter(p -> !p.getMetadata().getName().equals("pod-b")).count());
        cb.stop();
    }

    @Test
    void aLeaderThatLosesTheLeaseStopsWritingAndRunsForItAgain() {
        createPod("pod-a", "false");
        Leadership a = new Leadership(true, new SimpleMeterRegistry());
        AtomicInteger rounds = new AtomicInteger();
        LeaseElection.Campaign ca = campaign("pod-a", FAST, a, rounds);
        await().atMost(Duration.ofSeconds(5)).until(a::leading);

        // Another holder appears (as after a partition in which pod-a could not renew): pod-a must stop writing.
        Lease stolen = lease();
        stolen.getSpec().setHolderIdentity("pod-x");
        stolen.getSpec().setRenewTime(java.time.ZonedDateTime.now());
        client.leases().inNamespace("apim-dns-sync").resource(stolen).update();
        await().atMost(FAST.renew().plusSeconds(3)).until(() -> !a.leading());
        await().atMost(Duration.ofSeconds(5)).until(() -> "false".equals(label("pod-a")));

        // pod-x never renews: once its Lease expires, pod-a (running again, not following forever) leads again.
        await().atMost(FAST.lease().plusSeconds(5)).until(a::leading);
        assertEquals("pod-a", lease().getSpec().getHolderIdentity());
        await().atMost(Duration.ofSeconds(5)).until(() -> "true".equals(label("pod-a")) && rounds.get() == 2);
        ca.stop();
    }

    @Test
    void aPodThatCannotBeLabelledIsRetriedWhileItLeads() {
        Leadership a = new Leadership(true, new SimpleMeterRegistry());
        LeaseElection.Campaign ca = campaign("pod-late", FAST, a, new AtomicInteger());
        await().atMost(Duration.ofSeconds(5)).until(a::leading);
        assertEquals(null, pod("pod-late"), "no such pod yet: the label cannot be set");
        await().atMost(Duration.ofSeconds(5)).until(() -> a.labelProblem().isPresent());
        createPod("pod-late", "false");
        await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(label("pod-late")));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.labelProblem().isEmpty());
        ca.stop();
    }

    @Test
    void aReplicaThatCannotReachTheApiSaysSo() {
        try (KubernetesClient unreachable = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                        .withRequestRetryBackoffLimit(0).withRequestTimeout(1000).withConnectionTimeout(1000)
                        .build())
                .build()) {
            Leadership a = new Leadership(true, new SimpleMeterRegistry());
            LeaseElection.Campaign c = new LeaseElection.Campaign(unreachable, "apim-dns-sync", "apim-dns-sync",
                    "pod-a", FAST, a, () -> {
                    }, Optional.empty());
            c.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.electionProblem().isPresent());
            assertTrue(a.electionProblem().get().contains("cannot read the Lease apim-dns-sync/apim-dns-sync"),
                    a.electionProblem().get());
            assertFalse(a.leading());
            c.stop();
        }
    }
}
