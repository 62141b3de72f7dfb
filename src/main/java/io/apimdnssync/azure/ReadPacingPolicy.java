package io.apimdnssync.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.apimdnssync.arm.Priority;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Client-side token bucket for ARM reads, one bucket per subscription, shared by every SDK client: ARM allows a
 * burst of about 250 reads and refills about 25 per second. Resync reads may not take the last {@code reserve}
 * tokens and wait while a keyed read waits, so an event's reads go ahead of a resync round's (the call's
 * {@link Priority} travels in the SDK {@code Context}; calls without one count as keyed).
 */
public final class ReadPacingPolicy implements HttpPipelinePolicy {
    private final double perSecond;
    private final int burst;
    private final int reserve;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ReadPacingPolicy(int perSecond, int burst, int reserve) {
        this(perSecond, burst, reserve, System::nanoTime);
    }

    ReadPacingPolicy(int perSecond, int burst, int reserve, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.reserve = Math.min(reserve, burst - 1);
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        if (!isRead(context)) {
            return next.process();
        }
        Bucket bucket = bucket(context.getHttpRequest().getUrl().getPath());
        Priority priority = priority(context);
        if (bucket.poll(priority) == 0) {
            return next.process();
        }
        // The SDK's sync clients block on this Mono anyway; the wait parks a bounded-elastic thread, not the caller's
        // event loop.
        return Mono.fromRunnable(() -> bucket.take(priority)).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(next::process));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        if (isRead(context)) {
            bucket(context.getHttpRequest().getUrl().getPath()).take(priority(context));
        }
        return next.processSync();
    }

    private static boolean isRead(HttpPipelineCallContext context) {
        return context.getHttpRequest().getHttpMethod() == HttpMethod.GET;
    }

    private static Priority priority(HttpPipelineCallContext context) {
        return context.getData(Priority.CONTEXT_KEY).filter(Priority.class::isInstance).map(Priority.class::cast)
                .orElse(Priority.KEYED);
    }

    /** The bucket of the subscription an ARM path belongs to. */
    Bucket bucket(String armPath) {
        String path = armPath.toLowerCase(Locale.ROOT);
        String[] parts = path.split("/");
        String sub = parts.length > 2 && parts[1].equals("subscriptions") ? parts[2] : "";
        return buckets.computeIfAbsent(sub, s -> new Bucket());
    }

    final class Bucket {
        private double tokens = burst;
        private long last = nanoTime.getAsLong();
        private int keyedWaiting;

        /** Takes a token when this priority may have one now (0), or says how many nanoseconds to wait first. */
        synchronized long poll(Priority priority) {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            double floor = priority == Priority.KEYED ? 0 : reserve;
            boolean yieldToKeyed = priority == Priority.RESYNC && keyedWaiting > 0;
            if (!yieldToKeyed && tokens >= floor + 1) {
                tokens -= 1;
                return 0;
            }
            double missing = Math.max(floor + 1 - tokens, 1e-3);
            return Math.max(TimeUnit.MILLISECONDS.toNanos(1), (long) (missing / perSecond * 1e9));
        }

        /** Waits for a token; a waiting keyed read holds every resync read back. */
        synchronized void take(Priority priority) {
            boolean keyed = priority == Priority.KEYED;
            if (keyed) {
                keyedWaiting++;
            }
            try {
                for (long wait = poll(priority); wait > 0; wait = poll(priority)) {
                    TimeUnit.NANOSECONDS.timedWait(this, wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing an ARM read", e);
            } finally {
                if (keyed) {
                    keyedWaiting--;
                }
                notifyAll();
            }
        }
    }
}
