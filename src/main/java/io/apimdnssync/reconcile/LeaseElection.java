package io.apimdnssync.reconcile;

import io.apimdnssync.config.SyncConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease (fabric8's LeaderElector), when
 * {@code leader-election.enabled}: one replica leads — reconciles, writes, sweeps; the others follow, serve health and
 * are not ready, so the webhook's Service routes Event Grid to the leader. A leader that stops renewing is replaced
 * within the lease duration; one that stops releases the Lease at once. Becoming leader starts a resync round.
 */
@ApplicationScoped
public class LeaseElection {
    private static final Logger LOG = Logger.getLogger(LeaseElection.class);
    private static final Path NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    /** The Lease's timing. */
    record Timing(Duration lease, Duration renew, Duration retry) {
    }

    private final SyncConfig.LeaderElection config;
    private final Leadership leadership;
    private final Rounds rounds;
    private KubernetesClient client;
    private LeaderElector elector;
    private CompletableFuture<?> running;
    private String namespace;
    private String identity;
    private volatile boolean stopping;

    LeaseElection(SyncConfig config, Leadership leadership, Rounds rounds) {
        this.config = config.leaderElection();
        this.leadership = leadership;
        this.rounds = rounds;
    }

    void start(@Observes @Priority(5) StartupEvent e) {
        if (!config.enabled()) {
            return;
        }
        client = new KubernetesClientBuilder().build();
        namespace = config.namespace().or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
                .or(LeaseElection::serviceAccountNamespace).orElse(client.getNamespace());
        identity = config.identity().or(() -> Optional.ofNullable(System.getenv("POD_NAME")))
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME"))).orElse(UUID.randomUUID().toString());
        LOG.infof("leader election on Lease %s/%s as %s", namespace, config.leaseName(), identity);
        elect();
    }

    /**
     * One election: a fabric8 elector serves once, so when it ends (this replica lost the Lease: a renewal missed
     * its deadline) another one starts — a replica that lost the Lease runs for it again, it does not follow forever.
     */
    private synchronized void elect() {
        if (stopping) {
            return;
        }
        elector = elector(client, namespace, config.leaseName(), identity,
                new Timing(config.leaseDuration(), config.renewDeadline(), config.retryPeriod()),
                () -> {
                    LOG.infof("this replica (%s) leads: reconciling", identity);
                    leadership.lead();
                    rounds.resync(Trigger.of("leader"), false);
                },
                () -> {
                    LOG.warnf("this replica (%s) no longer leads: it stops writing", identity);
                    leadership.follow();
                },
                leadership::leaderIs, true);
        running = elector.start();
        running.whenComplete((v, ex) -> {
            if (!stopping) {
                LOG.warnf("the leader election of %s ended (%s); running for the Lease again", identity,
                        ex == null ? "lost" : ex.toString());
                leadership.follow();
                CompletableFuture.delayedExecutor(config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS)
                        .execute(this::elect);
            }
        });
    }

    /** After the work queue has let its running items finish (it observes the shutdown earlier). */
    void stop(@Observes @Priority(3000) ShutdownEvent e) {
        synchronized (this) {
            stopping = true;
        }
        if (running != null) {
            running.cancel(true);
            elector.release(); // lets a follower take over without waiting for the Lease to expire
        }
        if (client != null) {
            client.close();
        }
    }

    static LeaderElector elector(KubernetesClient client, String namespace, String lease, String identity,
            Timing timing, Runnable onLead, Runnable onStop, Consumer<String> onNewLeader, boolean releaseOnStop) {
        return client.leaderElector().withConfig(new LeaderElectionConfigBuilder().withName("apim-dns-sync")
                .withLock(new LeaseLock(namespace, lease, identity)).withLeaseDuration(timing.lease())
                .withRenewDeadline(timing.renew()).withRetryPeriod(timing.retry()).withReleaseOnCancel(releaseOnStop)
                .withLeaderCallbacks(new LeaderCallbacks(onLead, onStop, onNewLeader)).build()).build();
    }

    private static Optional<String> serviceAccountNamespace() {
        try {
            return Files.exists(NAMESPACE_FILE) ? Optional.of(Files.readString(NAMESPACE_FILE).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
