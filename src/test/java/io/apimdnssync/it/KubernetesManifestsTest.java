package io.apimdnssync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.config.ConfigCheckTest;
import io.apimdnssync.config.EventHubsConnectionString;
import io.apimdnssync.config.SyncConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests, as `kustomize build` of each overlay would emit them. kustomize is not installable here:
 * the test assembles the overlays itself — they only list resources (base + their own) and set a namespace, and the
 * test refuses any other kustomization field, so a patch added later cannot go unchecked — and parses every document
 * into fabric8's typed model (kubernetes-model and the Prometheus Operator's monitoring model).
 */
class KubernetesManifestsTest {
    static final Path K8S = Path.of("k8s");
    static final Set<String> HANDLED = Set.of("apiVersion", "kind", "resources", "namespace");

    /** The objects of one kustomization directory, resources in order, the namespace applied. */
    @SuppressWarnings("unchecked")
    static List<HasMetadata> build(Path dir) throws IOException {
        Map<String, Object> k = Serialization.unmarshal(Files.readString(dir.resolve("kustomization.yaml")),
                Map.class);
        assertTrue(HANDLED.containsAll(k.keySet()), dir + " uses kustomization fields the test does not assemble: "
                + k.keySet());
        List<HasMetadata> out = new ArrayList<>();
        for (String r : (List<String>) k.get("resources")) {
            Path p = dir.resolve(r).normalize();
            if (Files.isDirectory(p)) {
                out.addAll(build(p));
            } else {
                for (String doc : Files.readString(p).split("(?m)^---\\s*$")) {
                    if (!doc.replaceAll("(?m)^\\s*#.*$", "").isBlank()) {
                        out.add(Serialization.unmarshal(doc, HasMetadata.class));
                    }
                }
            }
        }
        if (k.get("namespace") instanceof String ns) {
            out.stream().filter(o -> !o.getKind().equals("Namespace")).forEach(o -> o.getMetadata().setNamespace(ns));
        }
        return out;
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), type.getSimpleName() + " " + name + " in " + objects.stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
        return found.get(0);
    }

    static Properties application() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void eachOverlayBuildsIntoTypedObjectsWithUniqueNames() throws Exception {
        for (String overlay : List.of("webhook", "eventhubs")) {
            List<HasMetadata> objects = build(K8S.resolve("overlays").resolve(overlay));
            assertTrue(objects.stream().noneMatch(GenericKubernetesResource.class::isInstance),
                    overlay + ": untyped objects "
                            + objects.stream().filter(GenericKubernetesResource.class::isInstance)
                                    .map(HasMetadata::getKind).toList());
            assertEquals(objects.size(), objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                    .distinct().count(), overlay + ": duplicates");
            assertTrue(objects.stream().filter(o -> !o.getKind().equals("Namespace"))
                    .allMatch(o -> "apim-dns-sync".equals(o.getMetadata().getNamespace())), overlay);
            for (Class<? extends HasMetadata> kind : List.of(Deployment.class, Service.class, ServiceMonitor.class,
                    PrometheusRule.class, io.fabric8.kubernetes.api.model.ServiceAccount.class,
                    io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class,
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class)) {
                assertTrue(objects.stream().anyMatch(kind::isInstance), overlay + " has no " + kind.getSimpleName());
            }
        }
    }

    @Test
    void probesPortsAndSecurityMatchWhatTheAppServes() throws Exception {
        List<HasMetadata> objects = build(K8S.resolve("overlays/webhook"));
        Properties app = application();
        Deployment d = one(objects, Deployment.class, "apim-dns-sync");
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Integer> ports = new java.util.HashMap<>();
        c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        assertEquals(Integer.valueOf(app.getProperty("quarkus.http.port")), ports.get("http"));
        assertEquals(Integer.valueOf(app.getProperty("quarkus.management.port")), ports.get("management"));
        assertEquals("/q/health/started", c.getStartupProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", c.getReadinessProbe().getHttpGet().getPath());
        for (var probe : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
            assertEquals("management", probe.getHttpGet().getPort().getStrVal(), "health is on the management port");
        }
        var pod = d.getSpec().getTemplate().getSpec().getSecurityContext();
        assertTrue(pod.getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSeccompProfile().getType());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), "a writable /tmp");
        assertTrue(d.getSpec().getTemplate().getSpec().getVolumes().stream().anyMatch(v -> v.getEmptyDir() != null));
        assertTrue(c.getResources().getLimits().containsKey("memory"));
        assertEquals("apim-dns-sync", d.getSpec().getTemplate().getSpec().getServiceAccountName());

        Service web = one(objects, Service.class, "apim-dns-sync");
        assertEquals(List.of("http"), web.getSpec().getPorts().stream().map(p -> p.getTargetPort().getStrVal())
                .toList(), "the public Service carries the webhook only");
        ServiceMonitor sm = one(objects, ServiceMonitor.class, "apim-dns-sync");
        assertEquals("/q/metrics", sm.getSpec().getEndpoints().get(0).getPath());
        assertEquals("management", sm.getSpec().getEndpoints().get(0).getPort());
        assertTrue(sm.getSpec().getEndpoints().get(0).getHonorLabels(), "the daemon's instance label is kept");
        Service mgmt = one(objects, Service.class, "apim-dns-sync-management");
        assertTrue(sm.getSpec().getSelector().getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(mgmt.getMetadata().getLabels().get(e.getKey()))),
                "the ServiceMonitor selects the management Service");

        Ingress ingress = one(objects, Ingress.class, "apim-dns-sync");
        var path = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0);
        assertEquals("/api/v1/events", path.getPath());
        assertEquals("apim-dns-sync", path.getBackend().getService().getName());
    }

    @Test
    void leaderElectionMayHoldItsLeaseAndNothingElse() throws Exception {
        List<HasMetadata> objects = build(K8S.resolve("overlays/webhook"));
        io.fabric8.kubernetes.api.model.rbac.Role role = one(objects, io.fabric8.kubernetes.api.model.rbac.Role.class,
                "apim-dns-sync-leader-election");
        var leases = role.getRules().stream().filter(r -> r.getResources().equals(List.of("leases"))).toList();
        var pods = role.getRules().stream().filter(r -> r.getResources().equals(List.of("pods"))).toList();
        assertEquals(role.getRules().size(), leases.size() + pods.size(), role.getRules().toString());
        assertTrue(leases.stream().allMatch(r -> r.getApiGroups().equals(List.of("coordination.k8s.io"))));
        assertTrue(leases.stream().allMatch(r -> r.getVerbs().equals(List.of("create"))
                || r.getResourceNames().equals(List.of("apim-dns-sync"))), "all but create bound to the Lease's name");
        assertTrue(leases.stream().flatMap(r -> r.getVerbs().stream())
                .allMatch(Set.of("get", "create", "update", "patch")::contains));
        // the leader label: read and patch pods of the namespace, never create, delete or exec
        assertEquals(1, pods.size());
        assertEquals(List.of(""), pods.get(0).getApiGroups());
        assertEquals(Set.of("get", "list", "patch"), Set.copyOf(pods.get(0).getVerbs()));
        Service webhook = one(objects, Service.class, "apim-dns-sync");
        assertEquals("true", webhook.getSpec().getSelector().get("apim-dns-sync/leader"),
                "the webhook's Service selects the leader's pod only");
        assertEquals(null, one(objects, Service.class, "apim-dns-sync-management").getSpec().getSelector()
                .get("apim-dns-sync/leader"), "health and metrics of every replica");
        io.fabric8.kubernetes.api.model.rbac.RoleBinding binding = one(objects,
                io.fabric8.kubernetes.api.model.rbac.RoleBinding.class, "apim-dns-sync-leader-election");
        assertEquals("apim-dns-sync", binding.getSubjects().get(0).getName());
        ConfigMap settings = one(objects, ConfigMap.class, "apim-dns-sync");
        assertEquals("true", settings.getData().get("APIM_DNS_SYNC_LEADER_ELECTION_ENABLED"));
        Container c = one(objects, Deployment.class, "apim-dns-sync").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("POD_NAME")
                && e.getValueFrom().getFieldRef().getFieldPath().equals("metadata.name")));
        assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("POD_NAMESPACE")));
    }

    @Test
    void theEventHubsOverlayFeedsKafkaSettingsToTheDeployment() throws Exception {
        List<HasMetadata> objects = build(K8S.resolve("overlays/eventhubs"));
        ConfigMap kafka = one(objects, ConfigMap.class, "apim-dns-sync-kafka");
        Container c = one(objects, Deployment.class, "apim-dns-sync").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        // What the daemon reads from the ConfigMap and the Secret, as environment variables mapped by SmallRye Config
        Map<String, String> env = new HashMap<>(kafka.getData());
        c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                && e.getValueFrom().getSecretKeyRef().getKey().equals("eventhub-connection-string"))
                .forEach(e -> env.put(e.getName(), "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=l;"
                        + "SharedAccessKey=k"));
        ConfigCheckTest.valid().forEach((k, v) -> env.put(k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v));
        SyncConfig.Kafka settings = new SmallRyeConfigBuilder().withMapping(SyncConfig.class)
                .addDiscoveredConverters().withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300) {
                }).build().getConfigMapping(SyncConfig.class).events().kafka();
        assertTrue(settings.enabled());
        assertEquals("ns.servicebus.windows.net", settings.connectionString()
                .map(EventHubsConnectionString::parse).orElseThrow().namespaceHost());
        assertEquals("<event hub name>", settings.topic().orElseThrow());
        assertTrue(c.getEnvFrom().stream().anyMatch(e -> e.getConfigMapRef() != null
                && e.getConfigMapRef().getName().equals("apim-dns-sync-kafka")));
        assertTrue(objects.stream().noneMatch(Ingress.class::isInstance), "no inbound path with Event Hubs");
    }
}
