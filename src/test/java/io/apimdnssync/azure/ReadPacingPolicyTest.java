package io.apimdnssync.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.Priority;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadPacingPolicyTest {
    static final String SUB_A = "/subscriptions/aaaa/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/z/A";
    static final String SUB_B = "/subscriptions/bbbb/providers/Microsoft.ApiManagement/service";

    @Test
    void burstThenRefillRatePerSubscription() {
        AtomicLong now = new AtomicLong();
        ReadPacingPolicy p = new ReadPacingPolicy(10, 3, 0, now::get);
        ReadPacingPolicy.Bucket a = p.bucket(SUB_A);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, a.poll(Priority.RESYNC), "the burst is free");
        }
        assertEquals(100, TimeUnit.NANOSECONDS.toMillis(a.poll(Priority.RESYNC)), "then one read per 1/10 s");
        now.addAndGet(Duration.ofMillis(50).toNanos());
        assertEquals(50, TimeUnit.NANOSECONDS.toMillis(a.poll(Priority.RESYNC)), "half a token refilled");
        assertEquals(0, p.bucket(SUB_B).poll(Priority.RESYNC), "another subscription has its own bucket");
        now.addAndGet(Duration.ofMillis(50).toNanos());
        assertEquals(0, a.poll(Priority.RESYNC), "a token refilled after 1/10 s");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, a.poll(Priority.RESYNC), "refilled to the burst, never beyond");
        }
        assertTrue(a.poll(Priority.RESYNC) > 0);
    }

    @Test
    void theReserveIsLeftForKeyedReads() {
        AtomicLong now = new AtomicLong();
        ReadPacingPolicy.Bucket b = new ReadPacingPolicy(10, 5, 2, now::get).bucket(SUB_A);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, b.poll(Priority.RESYNC));
        }
        assertEquals(100, TimeUnit.NANOSECONDS.toMillis(b.poll(Priority.RESYNC)),
                "resync reads stop at the reserve and wait for the refill");
        assertEquals(0, b.poll(Priority.KEYED), "a keyed read takes from the reserve at once");
        assertEquals(0, b.poll(Priority.KEYED));
        assertEquals(100, TimeUnit.NANOSECONDS.toMillis(b.poll(Priority.KEYED)),
                "the reserve is spent: keyed waits too");
        assertEquals(300, TimeUnit.NANOSECONDS.toMillis(b.poll(Priority.RESYNC)),
                "resync waits for the reserve to refill");
    }

    @Test
    void aWaitingKeyedReadGoesAheadOfWaitingResyncReads() throws Exception {
        ReadPacingPolicy.Bucket b = new ReadPacingPolicy(2, 1, 0).bucket(SUB_A);
        b.take(Priority.RESYNC); // the bucket is empty now; the next token comes in 0.5 s
        CompletableFuture<Long> resync = CompletableFuture.supplyAsync(() -> {
            b.take(Priority.RESYNC);
            return System.nanoTime();
        });
        CompletableFuture<Long> keyed = CompletableFuture.supplyAsync(() -> {
            b.take(Priority.KEYED);
            return System.nanoTime();
        });
        long keyedAt = keyed.get(5, TimeUnit.SECONDS);
        assertTrue(resync.get(5, TimeUnit.SECONDS) > keyedAt,
                "the keyed read got the first token, the resync read waited for the next one");
    }
}
