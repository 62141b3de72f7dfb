package io.apimdnssync.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.apimdnssync.arm.Priority;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The blocking {@code take} on a fake clock: a waiting read goes as soon as another read leaves the bucket (not at
 * the end of its computed wait), resync reads yield to a waiting keyed read, and an interrupted wait gives up without
 * losing the interrupt or holding resync reads back.
 */
class ReadPacingTakeTest {
    static final String SUB = "/subscriptions/aaaa/resourceGroups/g/providers/Microsoft.Network/privateDnsZones/z/A";

    /**
     * Stands still until the test moves it on, and says when a thread other than the test's has read it: a read
     * reads the clock inside the bucket's monitor, which it keeps until it waits.
     */
    static final class FakeClock implements LongSupplier {
        final AtomicLong now = new AtomicLong();
        final CountDownLatch readByAnother = new CountDownLatch(1);
        final Thread test = Thread.currentThread();

        @Override
        public long getAsLong() {
            long t = now.get(); // read before the test may move the clock on
            if (Thread.currentThread() != test) {
                readByAnother.countDown();
            }
            return t;
        }

        void advance(Duration d) {
            now.addAndGet(d.toNanos());
        }

        void awaitReadByAnother() throws InterruptedException {
            assertTrue(readByAnother.await(10, TimeUnit.SECONDS), "the other read polled the bucket");
        }
    }

    final FakeClock clock = new FakeClock();

    @Test
    void aWaitingReadGoesAsSoonAsAnotherReadLeavesTheBucket() throws Exception {
        // 1 read per second, a burst of 100 of which resync reads leave 50: drained, a resync read waits 51 s.
        ReadPacingPolicy.Bucket b = new ReadPacingPolicy(1, 100, 50, clock).bucket(SUB);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, b.poll(Priority.KEYED));
        }
        assertEquals(51, TimeUnit.NANOSECONDS.toSeconds(b.poll(Priority.RESYNC)));
        CompletableFuture<Void> resync = CompletableFuture.runAsync(() -> b.take(Priority.RESYNC));
        clock.awaitReadByAnother();
        assertFalse(resync.isDone(), "the clock stands still: the resync read waits");
        clock.advance(Duration.ofSeconds(100));
        b.take(Priority.KEYED); // enters once the resync read waits
        try {
            resync.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("the resync read still waits out its 51 s although the bucket refilled and a read left it");
        }
    }

    @Test
    void whileAKeyedReadWaitsResyncReadsYieldEvenWithTokensLeft() throws Exception {
        ReadPacingPolicy.Bucket b = new ReadPacingPolicy(1, 2, 0, clock).bucket(SUB);
        assertEquals(0, b.poll(Priority.KEYED));
        assertEquals(0, b.poll(Priority.KEYED));
        CompletableFuture<Void> keyed = CompletableFuture.runAsync(() -> b.take(Priority.KEYED));
        clock.awaitReadByAnother();
        // Holding the bucket's monitor keeps the keyed read in its wait: it cannot return before the block ends.
        synchronized (b) {
            clock.advance(Duration.ofSeconds(10));
            assertEquals(TimeUnit.MILLISECONDS.toNanos(1), b.poll(Priority.RESYNC),
                    "the bucket refilled, yet the resync read yields to the waiting keyed read and retries in 1 ms");
            b.notifyAll();
        }
        keyed.get(10, TimeUnit.SECONDS);
        assertEquals(0, b.poll(Priority.RESYNC), "the keyed read took one token and left: the resync read takes one");
        assertTrue(b.poll(Priority.RESYNC) > 0, "the bucket is empty again");
    }

    @Test
    void anInterruptedWaitGivesUpKeepsTheInterruptAndNoLongerHoldsResyncReadsBack() {
        ReadPacingPolicy.Bucket b = new ReadPacingPolicy(1, 1, 0, clock).bucket(SUB);
        assertEquals(0, b.poll(Priority.KEYED), "the burst of one is spent; the clock stands still");
        Thread.currentThread().interrupt();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.take(Priority.KEYED));
            assertEquals("interrupted while pacing an ARM read", e.getMessage());
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, b.poll(Priority.RESYNC), "the keyed read that gave up is no longer waiting");
    }
}
