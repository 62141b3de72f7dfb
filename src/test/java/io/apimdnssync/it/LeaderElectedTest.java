package io.apimdnssync.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The daemon with leader election on, against a Kubernetes API stand-in (fabric8's mock server, CRUD): it takes the
 * Lease, labels its pod as the leader, starts a round because it leads, and is ready; the Lease is renewed.
 */
@QuarkusTest
@TestProfile(LeaderElectedTest.Elected.class)
class LeaderElectedTest extends SandboxTestBase {
    public static class Elected implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KubernetesApi.class));
        }
    }

    static io.fabric8.kubernetes.api.model.coordination.v1.Lease lease() {
        return KubernetesApi.client.leases().inNamespace(KubernetesApi.NAMESPACE).withName("apim-dns-sync").get();
    }

    @Test
    void itTakesTheLeaseLabelsItsPodAndReconciles() {
        await().atMost(Duration.ofSeconds(20)).until(() -> lease() != null
                && KubernetesApi.POD.equals(lease().getSpec().getHolderIdentity()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "true".equals(KubernetesApi.client.pods()
                .inNamespace(KubernetesApi.NAMESPACE).withName(KubernetesApi.POD).get().getMetadata().getLabels()
                .get("apim-dns-sync/leader")));
        await().atMost(Duration.ofSeconds(30)).until(() -> Management.given().get("/q/metrics").asString().lines()
                .anyMatch(l -> l.startsWith("apim_dns_sync_pass_duration_seconds_count{")
                        && l.contains("trigger=\"leader\"")));
        Management.given().get("/q/health/ready").then().statusCode(200);
        assertTrue(Management.given().get("/q/metrics").asString().contains("apim_dns_sync_leader 1.0"));
        var renewed = lease().getSpec().getRenewTime();
        await().atMost(Duration.ofSeconds(5)).until(() -> !lease().getSpec().getRenewTime().equals(renewed));
        assertEquals(KubernetesApi.POD, lease().getSpec().getHolderIdentity());
        sandbox.pass();
        assertEquals(List.of(sandbox.primaryPrivate()), sandbox.ips(GW, "@"), "the leader writes");
    }
}
