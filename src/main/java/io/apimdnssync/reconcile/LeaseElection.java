package io.apimdnssync.reconcile;

import io.apimdnssync.config.SyncConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease (fabric8's LeaderElector), when
 * {@code leader-election.enabled}: one replica leads — reconciles, writes, sweeps, consumes Kafka; the others follow
 * and serve health. The leader's pod carries the label {@value LeaderLabel#KEY}{@code =true}, which the webhook's
 * Service selects, so Event Grid reaches the leader. A leader that stops renewing is replaced within the lease
 * duration; one that stops releases the Lease at once. Becoming leader starts a resync round.
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
    private Campaign campaign;

    private final Vertx vertx;

    LeaseElection(SyncConfig config, Leadership leadership, Rounds rounds, Vertx vertx) {
        this.config = config.leaderElection();
        this.leadership = leadership;
        this.rounds = rounds;
        this.vertx = vertx;
    }

    void start(@Observes @Priority(5) StartupEvent e) {
        if (!config.enabled()) {
            return;
        }
        // On the application's Vert.x (no event loops of the client's own). Short timeouts and no HTTP-level retries:
        // the elector retries every retry period itself, and a call must not outlast the renew deadline.
        Config k8s = new ConfigBuilder(Config.autoConfigure(null)).withRequestTimeout(5_000)
                .withConnectionTimeout(3_000).withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(k8s).withHttpClientFactory(new VertxHttpClientFactory(vertx))
                .build();
        String namespace = config.namespace().or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
                .or(LeaseElection::serviceAccountNamespace).or(() -> Optional.ofNullable(client.getNamespace()))
                .orElseThrow(() -> new IllegalStateException("leader election needs the Lease's namespace: set "
                        + "apim-dns-sync.leader-election.namespace (in Kubernetes, POD_NAMESPACE from the downward "
                        + "API or the service account's namespace gives it)"));
        Optional<String> pod = config.podName().or(() -> Optional.ofNullable(System.getenv("POD_NAME")))
                .filter(p -> !p.isBlank());
        String identity = config.identity().or(() -> pod).or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElse(UUID.randomUUID().toString());
        LOG.infof("leader election on Lease %s/%s as %s%s", namespace, config.leaseName(), identity,
                pod.map(p -> "; the leader's pod is labelled " + LeaderLabel.KEY + "=true").orElse(
                        " (no POD_NAME: no leader label, so a Service cannot select the leader)"));
        campaign = new Campaign(client, namespace, config.leaseName(), identity,
                new Timing(config.leaseDuration(), config.renewDeadline(), config.retryPeriod()), leadership,
                () -> rounds.resync(Trigger.of("leader"), false),
                pod.map(p -> new LeaderLabel(client, namespace, p)));
        campaign.start();
    }

    /** After the work queue has let its running items finish (it observes the shutdown earlier). */
    void stop(@Observes @Priority(3000) ShutdownEvent e) {
        if (campaign != null) {
            campaign.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    /**
     * One replica's candidacy: elections one after another (a fabric8 elector serves once, so a replica that lost
     * the Lease — a renewal missed its deadline — runs for it again rather than following forever), the leadership
     * flag and the pod label kept in step with the Lease.
     */
    static final class Campaign {
        /** How often the label is checked against leadership (and set where it differs). */
        static final Duration LABEL_SYNC = Duration.ofSeconds(5);
        private final KubernetesClient client;
        private final String namespace;
        private final String lease;
        private final String identity;
        private final Timing timing;
        private final Leadership leadership;
        private final Runnable onLead;
        private final Optional<LeaderLabel> label;
        /** Label calls run here, one at a time, never on the elector's thread (they must not delay a renewal). */
        private final ScheduledExecutorService labels = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "apim-dns-sync-leader-label");
            t.setDaemon(true);
            return t;
        });
        private LeaderElector elector;
        private CompletableFuture<?> running;
        private volatile boolean stopping;

        Campaign(KubernetesClient client, String namespace, String lease, String identity, Timing timing,
                Leadership leadership, Runnable onLead, Optional<LeaderLabel> label) {
            this.client = client;
            this.namespace = namespace;
            this.lease = lease;
            this.identity = identity;
            this.timing = timing;
            this.leadership = leadership;
            this.onLead = onLead;
            this.label = label;
        }

        synchronized void start() {
            if (stopping) {
                return;
            }
            if (elector == null) {
                labels.scheduleWithFixedDelay(this::check, 0, LABEL_SYNC.toMillis(), TimeUnit.MILLISECONDS);
            }
            elector = elector(client, namespace, lease, identity, timing, this::lead, this::follow,
                    leadership::leaderIs, true);
            try {
                running = elector.start();
            } catch (RuntimeException e) { // the first try can fail at once (the API refuses connections)
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((v, ex) -> {
                if (!stopping) {
                    LOG.warnf("the leader election of %s ended (%s); running for the Lease again", identity,
                            ex == null ? "lost" : ex.toString());
                    follow();
                    CompletableFuture.delayedExecutor(timing.retry().toMillis(), TimeUnit.MILLISECONDS)
                            .execute(this::start);
                }
            });
        }

        private void lead() {
            LOG.infof("this replica (%s) leads: reconciling", identity);
            leadership.lead();
            labelSoon();
            onLead.run();
        }

        private void follow() {
            if (leadership.leading()) {
                LOG.warnf("this replica (%s) no longer leads: it stops writing", identity);
            }
            leadership.follow();
            labelSoon();
        }

        private void labelSoon() {
            if (label.isPresent() && !stopping) {
                try {
                    labels.execute(this::syncLabel);
                } catch (RejectedExecutionException e) {
                    // stopping: stop() has set the label itself
                }
            }
        }

        private void syncLabel() {
            label.ifPresent(l -> {
                l.sync(leadership.leading());
                leadership.labelProblem(l.problem());
            });
        }

        /**
         * Every few seconds: can this replica read the Lease at all (a standby that cannot would never take over,
         * and must not look ready), and is its label right.
         */
        private void check() {
            try {
                client.leases().inNamespace(namespace).withName(lease).get();
                if (leadership.electionProblem().isPresent()) {
                    LOG.infof("the Kubernetes API answers again (Lease %s/%s)", namespace, lease);
                }
                leadership.electionProblem(Optional.empty());
            } catch (RuntimeException e) {
                if (leadership.electionProblem().isEmpty()) {
                    LOG.errorf("cannot read the Lease %s/%s (%s): this replica cannot lead or take over", namespace,
                            lease, e.getMessage());
                }
                leadership.electionProblem(Optional.of("cannot read the Lease " + namespace + "/" + lease + ": "
                        + e.getMessage()));
            }
            syncLabel();
        }

        /** Steps down: the label first (the Service stops routing here), then the Lease, released for a successor. */
        void stop() {
            LeaderElector e;
            CompletableFuture<?> r;
            synchronized (this) {
                stopping = true;
                e = elector;
                r = running;
            }
            leadership.follow();
            try {
                labels.submit(this::syncLabel).get(5, TimeUnit.SECONDS);
            } catch (Exception ex) {
                LOG.warnf("the leader label was not cleared before stopping (%s); the next leader clears it",
                        ex.toString());
            }
            labels.shutdownNow();
            if (r != null) {
                r.cancel(true);
                try {
                    e.release();
                } catch (RuntimeException ex) {
                    LOG.warnf("could not release the Lease %s/%s (%s): a successor waits for it to expire", namespace,
                            lease, ex.getMessage());
                }
            }
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
