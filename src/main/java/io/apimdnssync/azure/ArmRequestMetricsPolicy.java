package io.apimdnssync.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Counts every ARM request that reached the wire, by operation (read, write) and status — 429 and 412 visible —
 * as {@code apim_dns_sync_arm_requests_total}. Placed after the retry policy: each attempt counts.
 */
final class ArmRequestMetricsPolicy implements HttpPipelinePolicy {
    private final MeterRegistry registry;

    ArmRequestMetricsPolicy(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String operation = operation(context.getHttpRequest().getHttpMethod());
        return next.process().doOnNext(r -> count(operation, String.valueOf(r.getStatusCode())))
                .doOnError(e -> count(operation, "error"));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String operation = operation(context.getHttpRequest().getHttpMethod());
        try {
            HttpResponse r = next.processSync();
            count(operation, String.valueOf(r.getStatusCode()));
            return r;
        } catch (RuntimeException e) {
            count(operation, "error");
            throw e;
        }
    }

    private static String operation(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? "read" : "write";
    }

    private void count(String operation, String status) {
        Counter.builder("apim.dns.sync.arm.requests").description("ARM requests by operation and status")
                .tags("operation", operation, "status", status).register(registry).increment();
    }
}
