package io.apimdnssync.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.apimdnssync.arm.Priority;
import java.nio.charset.Charset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pacer inside a real azure-core pipeline, on both of its paths (sync and reactive). The transport answers 200
 * without a network: what is tested is which calls take tokens, from which bucket, at which priority.
 */
class ReadPacingPipelineTest {
    static final String ZONE = "https://management.azure.com/subscriptions/aaaa/resourceGroups/g/providers/"
            + "Microsoft.Network/privateDnsZones/z/A?api-version=2024-06-01";
    static final String OTHER_SUB = "https://management.azure.com/subscriptions/bbbb/providers/"
            + "Microsoft.ApiManagement/service?api-version=2021-08-01";

    final AtomicLong now = new AtomicLong();

    static final class Ok extends HttpResponse {
        Ok(HttpRequest request) {
            super(request);
        }

        @Override
        public int getStatusCode() {
            return 200;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return null;
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Flux<java.nio.ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(new byte[0]);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just("");
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just("");
        }
    }

    HttpPipeline pipeline(ReadPacingPolicy pacing) {
        return new HttpPipelineBuilder().policies(pacing).httpClient(r -> Mono.just(new Ok(r))).build();
    }

    @Test
    void readsTakeTokensFromTheirSubscriptionsBucketOnBothPathsAndWritesTakeNone() {
        ReadPacingPolicy pacing = new ReadPacingPolicy(1, 2, 0, now::get);
        HttpPipeline p = pipeline(pacing);
        assertEquals(200, p.sendSync(new HttpRequest(HttpMethod.GET, ZONE), Context.NONE).getStatusCode());
        assertEquals(200, p.send(new HttpRequest(HttpMethod.PUT, ZONE)).block().getStatusCode());
        assertEquals(200, p.sendSync(new HttpRequest(HttpMethod.DELETE, ZONE), Context.NONE).getStatusCode());
        assertEquals(200, p.send(new HttpRequest(HttpMethod.GET, ZONE)).block().getStatusCode());
        assertTrue(pacing.bucket("/subscriptions/aaaa/x").poll(Priority.KEYED) > 0, "two reads took the burst of two");
        assertEquals(0, pacing.bucket("/subscriptions/bbbb/x").poll(Priority.KEYED), "another subscription's bucket");
        assertEquals(200, p.sendSync(new HttpRequest(HttpMethod.GET, OTHER_SUB), Context.NONE).getStatusCode());
        assertTrue(pacing.bucket("/subscriptions/bbbb/x").poll(Priority.KEYED) > 0);
    }

    @Test
    void thePriorityTravelsInTheContextAndACallWithoutOneIsKeyed() {
        ReadPacingPolicy pacing = new ReadPacingPolicy(1, 3, 1, now::get);
        HttpPipeline p = pipeline(pacing);
        p.sendSync(new HttpRequest(HttpMethod.GET, ZONE), ArmContext.of(Priority.RESYNC));
        p.send(new HttpRequest(HttpMethod.GET, ZONE), ArmContext.of(Priority.RESYNC)).block();
        ReadPacingPolicy.Bucket b = pacing.bucket("/subscriptions/aaaa/x");
        assertTrue(b.poll(Priority.RESYNC) > 0, "resync reads stop at the reserve of one");
        p.sendSync(new HttpRequest(HttpMethod.GET, ZONE), Context.NONE);
        assertTrue(b.poll(Priority.KEYED) > 0, "the call without a priority took the reserve: it counts as keyed");
    }

    @Test
    void aReserveAsLargeAsTheBurstStillLeavesTheResyncOneRead() {
        ReadPacingPolicy pacing = new ReadPacingPolicy(1, 2, 5, now::get);
        ReadPacingPolicy.Bucket b = pacing.bucket("/subscriptions/aaaa/x");
        assertEquals(0, b.poll(Priority.RESYNC));
        assertTrue(b.poll(Priority.RESYNC) > 0);
    }

    @Test
    void aReadThatMustWaitWaitsOnTheReactivePathAndThenGoes() {
        ReadPacingPolicy pacing = new ReadPacingPolicy(50, 1, 0);
        HttpPipeline p = pipeline(pacing);
        p.send(new HttpRequest(HttpMethod.GET, ZONE)).block();
        long start = System.nanoTime();
        assertEquals(200, p.send(new HttpRequest(HttpMethod.GET, ZONE)).block().getStatusCode());
        assertEquals(200, p.sendSync(new HttpRequest(HttpMethod.GET, ZONE), Context.NONE).getStatusCode());
        assertTrue(System.nanoTime() - start >= 30_000_000L, "two reads beyond the burst of one at 50/s wait ~40 ms");
    }
}
