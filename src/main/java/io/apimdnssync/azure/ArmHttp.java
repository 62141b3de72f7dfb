package io.apimdnssync.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import io.apimdnssync.config.SyncConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;

/**
 * The HTTP transport of every ARM call: the SDK's Vert.x client on Quarkus's own Vert.x, with a connection pool as
 * large as the calls that may run at once (work items × parallel calls each, plus keyed reads beside them), so that a
 * call never waits for a connection another one holds.
 */
public final class ArmHttp {
    private ArmHttp() {
    }

    public static HttpClient client(Vertx vertx, SyncConfig config) {
        int parallelCalls = config.reconcile().workers() * config.reconcile().concurrency() + 4;
        HttpClientOptions options = new HttpClientOptions().setMaxPoolSize(parallelCalls).setKeepAlive(true);
        return new VertxHttpClientBuilder().vertx(vertx).httpClientOptions(options).build();
    }
}
