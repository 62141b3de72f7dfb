package io.apimdnssync.sandbox;

import com.azure.core.credential.AccessToken;
import com.azure.core.management.AzureEnvironment;
import io.apimdnssync.azure.ArmHttp;
import io.apimdnssync.azure.AzureConnection;
import io.apimdnssync.azure.AzureConnectionProvider;
import io.apimdnssync.azure.AzureCredentialConnectionProvider;
import io.apimdnssync.azure.AzureEnvironments;
import io.apimdnssync.config.SyncConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Dev/test builds: with the sandbox enabled, the real SDK clients talk to the emulator with a dummy token. */
@ApplicationScoped
@Alternative
@Priority(1)
@IfBuildProfile(anyOf = {"dev", "test"})
public class SandboxConnectionProvider implements AzureConnectionProvider {
    @Inject
    SandboxConfig config;
    @Inject
    ArmEmulator emulator;
    @Inject
    AzureCredentialConnectionProvider azure;
    @Inject
    Vertx vertx;
    @Inject
    SyncConfig syncConfig;

    private volatile AzureConnection connection;

    @Override
    public AzureConnection connection() {
        if (!config.enabled() || !config.routeSdk()) {
            return azure.connection();
        }
        if (connection == null) {
            synchronized (this) {
                if (connection == null) {
                    String https = "https://localhost:" + emulator.port();
                    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
                    endpoints.put("resourceManagerEndpointUrl", https + "/");
                    endpoints.put("managementEndpointUrl", "https://management.core.windows.net/");
                    AzureEnvironment env = new AzureEnvironment(endpoints);
                    connection = new AzureConnection(env, AzureEnvironments.scope(env), "sandbox-tenant",
                            request -> Mono.just(new AccessToken("sandbox-token", OffsetDateTime.now().plusHours(1))),
                            new RewritingHttpClient(ArmHttp.client(vertx, syncConfig), https,
                                    "http://localhost:" + emulator.port()));
                }
            }
        }
        return connection;
    }
}
