package io.apimdnssync.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Retries of ARM calls: reads retry 408/429/5xx up to {@code maxRetries} times, waiting what Retry-After says; writes
 * retry at most {@code maxWriteRetries} times, briefly, and never wait out a long Retry-After — the work queue's
 * per-instance backoff retries the rest, so one failing record never holds a worker (and the instances behind it).
 */
final class ArmRetryPolicy extends RetryPolicy {
    static final Duration WRITE_MAX_WAIT = Duration.ofSeconds(2);

    private final RetryPolicy writes;

    ArmRetryPolicy(int maxRetries, int maxWriteRetries) {
        super(new ExponentialBackoff(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(60)));
        this.writes = new RetryPolicy(new WriteStrategy(maxWriteRetries));
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return isRead(context) ? super.process(context, next) : writes.process(context, next);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return isRead(context) ? super.processSync(context, next) : writes.processSync(context, next);
    }

    private static boolean isRead(HttpPipelineCallContext context) {
        return context.getHttpRequest().getHttpMethod() == HttpMethod.GET;
    }

    /** Short, bounded retries for writes; a Retry-After longer than {@link #WRITE_MAX_WAIT} ends them. */
    static final class WriteStrategy implements RetryStrategy {
        private final ExponentialBackoff backoff;
        private final int maxRetries;

        WriteStrategy(int maxRetries) {
            this.maxRetries = maxRetries;
            this.backoff = new ExponentialBackoff(Math.max(maxRetries, 1), Duration.ofMillis(200), WRITE_MAX_WAIT);
        }

        @Override
        public int getMaxRetries() {
            return maxRetries;
        }

        @Override
        public Duration calculateRetryDelay(int retryAttempts) {
            return backoff.calculateRetryDelay(retryAttempts);
        }

        @Override
        public boolean shouldRetryCondition(RequestRetryCondition condition) {
            HttpResponse r = condition.getResponse();
            if (r == null) {
                return backoff.shouldRetryException(condition.getThrowable());
            }
            return backoff.shouldRetry(r) && retryAfter(r).compareTo(WRITE_MAX_WAIT) <= 0;
        }

        static Duration retryAfter(HttpResponse r) {
            String ms = r.getHeaderValue(HttpHeaderName.fromString("retry-after-ms"));
            String s = r.getHeaderValue(HttpHeaderName.RETRY_AFTER);
            try {
                if (ms != null) {
                    return Duration.ofMillis(Long.parseLong(ms.trim()));
                }
                if (s != null) {
                    return Duration.ofSeconds(Long.parseLong(s.trim()));
                }
            } catch (NumberFormatException e) {
                return Duration.ofDays(1); // an HTTP date: a wait we do not take inside a write
            }
            return Duration.ZERO;
        }
    }
}
