package io.apimdnssync.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The pod label that follows leadership ({@value #KEY}: {@code "true"} on the leader, {@code "false"} elsewhere), so
 * that the webhook's Service selects the leader only and Event Grid's deliveries and retries reach the replica that
 * writes. A new leader also clears the label of any other pod that still carries it (a deposed leader cut off from
 * the API server could not).
 */
final class LeaderLabel {
    static final String KEY = "apim-dns-sync/leader";
    private static final Logger LOG = Logger.getLogger(LeaderLabel.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String pod;

    LeaderLabel(KubernetesClient client, String namespace, String pod) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
    }

    /** Labels this pod the leader and every other one not; false (with a WARN line) when the API refused. */
    boolean lead() {
        try {
            set(pod, "true");
            for (Pod other : client.pods().inNamespace(namespace).withLabels(Map.of(KEY, "true")).list().getItems()) {
                if (!other.getMetadata().getName().equals(pod)) {
                    set(other.getMetadata().getName(), "false");
                }
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("could not label pod %s/%s as the leader (%s): the webhook's Service does not route to it "
                    + "until it can (retrying)", namespace, pod, e.getMessage());
            return false;
        }
    }

    void follow() {
        try {
            set(pod, "false");
        } catch (RuntimeException e) {
            LOG.warnf("could not clear the leader label of pod %s/%s (%s); the next leader clears it", namespace, pod,
                    e.getMessage());
        }
    }

    private void set(String name, String value) {
        client.pods().inNamespace(namespace).withName(name)
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels(KEY, value).endMetadata().build());
    }
}
