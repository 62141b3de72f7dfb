package io.apimdnssync.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.apimdnssync.config.Settings;
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
    Settings settings;
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
        AzureEnvironment env = AzureEnvironments.of(settings.azure());
        HttpClient http = new VertxHttpClientBuilder().vertx(vertx).build();
        DefaultAzureCredentialBuilder credential = new DefaultAzureCredentialBuilder().httpClient(http)
                .authorityHost(env.getActiveDirectoryEndpoint());
        settings.azure().tenantId().ifPresent(credential::tenantId);
        return new AzureConnection(env, AzureEnvironments.scope(env), settings.azure().tenantId().orElse(null),
                credential.build(), http);
    }
}
