package io.apimdnssync.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The pod label that follows leadership ({@value #KEY}: {@code "true"} on the leader, {@code "false"} elsewhere), so
 * that the webhook's Service selects the leader only and Event Grid's deliveries and retries reach the replica that
 * writes. The leader also clears the label of any other pod that still carries it (a deposed leader cut off from the
 * API server could not).
 */
final class LeaderLabel {
    static final String KEY = "apim-dns-sync/leader";
    private static final Logger LOG = Logger.getLogger(LeaderLabel.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;
    private volatile Optional<String> problem = Optional.empty();

    LeaderLabel(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    /**
     * Brings the labels in line with this replica's leadership: its own pod's, and, when it leads, every other pod's.
     * Only what differs is patched. A failure is logged once (WARN) and kept as {@link #problem()} until a sync works.
     */
    void sync(boolean leading) {
        try {
            set(pod, leading);
            if (leading) {
                for (Pod other : client.pods().inNamespace(namespace).withLabels(Map.of(KEY, "true")).list()
                        .getItems()) {
                    if (!other.getMetadata().getName().equals(pod)) {
                        set(other.getMetadata().getName(), false);
                    }
                }
            }
            if (problem.isPresent()) {
                LOG.infof("the leader label of pod %s/%s is right again", namespace, pod);
            }
            problem = Optional.empty();
        } catch (RuntimeException e) {
            if (problem.isEmpty()) {
                LOG.warnf("could not set the leader label of pod %s/%s to %s (%s)%s; retrying", namespace, pod,
                        leading, e.getMessage(),
                        leading ? ": the webhook's Service does not route to the leader until it can" : "");
            }
            problem = Optional.of("the leader label of pod " + pod + " could not be set: " + e.getMessage());
        }
    }

    /** Why the label is not as leadership says, when it is not. */
    Optional<String> problem() {
        return problem;
    }

    private void set(String name, boolean leading) {
        String value = String.valueOf(leading);
        Pod p = client.pods().inNamespace(namespace).withName(name).get();
        if (p == null) {
            throw new IllegalStateException("pod " + namespace + "/" + name + " does not exist");
        }
        if (!value.equals(p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(KEY))) {
            client.pods().inNamespace(namespace).withName(name)
                    .edit(q -> new PodBuilder(q).editMetadata().addToLabels(KEY, value).endMetadata().build());
        }
    }
}
