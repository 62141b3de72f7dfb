package io.apimdnssync.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadPacingPolicyTest {
    static final String SUB_A = "/subscriptions/aaaa/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/z/A";
    static final String SUB_B = "/subscriptions/bbbb/providers/Microsoft.ApiManagement/service";

    @Test
    void burstThenRefillRatePerSubscription() {
        AtomicLong now = new AtomicLong();
        ReadPacingPolicy p = new ReadPacingPolicy(10, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, p.reserve(SUB_A), "the burst is free");
        }
        assertEquals(100, p.reserve(SUB_A).toMillis(), "then one read per 1/10 s");
        assertEquals(200, p.reserve(SUB_A).toMillis(), "queued reads wait their turn");
        assertEquals(Duration.ZERO, p.reserve(SUB_B), "another subscription has its own bucket");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Duration.ZERO, p.reserve(SUB_A), "refilled after a pause");
    }
}
