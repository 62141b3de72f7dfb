package io.apimdnssync.it;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A Kubernetes API stand-in for the daemon's own client: fabric8's mock server in CRUD mode (a mock: no cluster runs
 * here), holding the daemon's pod. The client finds it the way fabric8 configures itself, from system properties.
 */
public class KubernetesApi implements QuarkusTestResourceLifecycleManager {
    static final String NAMESPACE = "apim-dns-sync";
    static final String POD = "apim-dns-sync-0";
    static volatile KubernetesClient client;
    private KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(POD)
                .withNamespace(NAMESPACE).addToLabels("app.kubernetes.io/name", "apim-dns-sync").endMetadata()
                .build()).create();
        System.setProperty("kubernetes.master", client.getMasterUrl().toString());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        return Map.of("apim-dns-sync.leader-election.enabled", "true",
                "apim-dns-sync.leader-election.namespace", NAMESPACE,
                "apim-dns-sync.leader-election.identity", POD,
                "apim-dns-sync.leader-election.pod-name", POD,
                "apim-dns-sync.leader-election.lease-duration", "3s",
                "apim-dns-sync.leader-election.renew-deadline", "2s",
                "apim-dns-sync.leader-election.retry-period", "200ms");
    }

    @Override
    public void stop() {
        System.clearProperty("kubernetes.master");
        System.clearProperty("kubernetes.auth.tryKubeConfig");
        System.clearProperty("kubernetes.auth.tryServiceAccount");
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
