package io.apimdnssync.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.apimdnssync.config.SyncConfig;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Production: DefaultAzureCredential (workload identity, managed identity, environment service principal, Azure
 * CLI) over Quarkus's own Vert.x. TLS trust comes from the JVM's trust store settings.
 */
@ApplicationScoped
@DefaultBean
public class AzureCredentialConnectionProvider implements AzureConnectionProvider {
    @Inject
    SyncConfig config;
    @Inject
    Vertx vertx;

    private volatile AzureConnection connection;

    @Override
    public AzureConnection connection() {
        AzureConnection c = connection;
        if (c == null) {
            synchronized (this) {
                if (connection == null) {
                    connection = build();
                }
                c = connection;
            }
        }
        return c;
    }

    private AzureConnection build() {
        AzureEnvironment env = AzureEnvironments.of(config.azure());
        HttpClient http = ArmHttp.client(vertx, config);
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder().httpClient(http)
                .authorityHost(env.getActiveDirectoryEndpoint());
        config.azure().tenantId().ifPresent(credential::tenantId);
        return new AzureConnection(env, AzureEnvironments.scope(env), config.azure().tenantId().orElse(null),
                credential.build(), http);
    }
}
