package io.apimdnssync.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Client-side token bucket for ARM reads, one bucket per subscription: ARM allows a burst of about 250 reads and
 * refills about 25 per second. Pacing here keeps a full resync over hundreds of zones from being throttled.
 */
public final class ReadPacingPolicy implements HttpPipelinePolicy {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ReadPacingPolicy(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    ReadPacingPolicy(int perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        Duration wait = reserve(context);
        return wait.isZero() ? next.process() : Mono.delay(wait).then(next.process());
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        Duration wait = reserve(context);
        if (!wait.isZero()) {
            LockSupport.parkNanos(wait.toNanos());
        }
        return next.processSync();
    }

    private Duration reserve(HttpPipelineCallContext context) {
        if (context.getHttpRequest().getHttpMethod() != HttpMethod.GET) {
            return Duration.ZERO;
        }
        return reserve(context.getHttpRequest().getUrl().getPath());
    }

    /** How long a read of this ARM path must wait for its subscription's bucket. */
    Duration reserve(String armPath) {
        String path = armPath.toLowerCase(Locale.ROOT);
        String sub = path.startsWith("/subscriptions/") ? path.split("/")[2] : "";
        return buckets.computeIfAbsent(sub, s -> new Bucket()).reserve();
    }

    private final class Bucket {
        private double tokens = burst;
        private long last = nanoTime.getAsLong();

        synchronized Duration reserve() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            tokens -= 1;
            return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perSecond * 1e9));
        }
    }
}
