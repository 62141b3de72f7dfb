package io.apimdnssync.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.arm.Priority;
import io.apimdnssync.it.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The work queue without Quarkus: a thread pool, timers the test fires by hand, and a scripted runner. */
class WorkQueueTest {
    static final Duration INITIAL = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofSeconds(100);

    /** Timers the test fires itself. */
    static final class ManualDelays implements Delays {
        record Timer(Duration delay, Runnable action, boolean[] cancelled) {
        }

        final List<Timer> timers = new CopyOnWriteArrayList<>();

        @Override
        public Runnable schedule(Duration delay, Runnable action) {
            Timer t = new Timer(delay, action, new boolean[1]);
            timers.add(t);
            return () -> t.cancelled()[0] = true;
        }

        List<Timer> live() {
            return timers.stream().filter(t -> !t.cancelled()[0]).toList();
        }

        void fire(Timer t) {
            timers.remove(t);
            t.action().run();
        }
    }

    final ExecutorService pool = Executors.newFixedThreadPool(8);
    final ManualDelays delays = new ManualDelays();
    final List<String> runs = new CopyOnWriteArrayList<>();
    final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    volatile Function<Work, Outcome> behaviour = w -> Outcome.nothing();

    WorkQueue queue(int workers) {
        return queue(workers, Duration.ofSeconds(5));
    }

    WorkQueue queue(int workers, Duration shutdownGrace) {
        return new WorkQueue(new WorkQueue.Limits(workers, INITIAL, MAX, Duration.ofMillis(300), shutdownGrace), pool,
                delays, w -> {
                    runs.add(w.key() + ":" + w.priority());
                    CountDownLatch gate = gates.get(w.key());
                    if (gate != null) {
                        try {
                            gate.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return behaviour.apply(w);
                });
    }

    @AfterEach
    void stop() {
        gates.values().forEach(CountDownLatch::countDown);
        pool.shutdownNow();
    }

    static Work keyed(String key) {
        return Work.instance(key, Trigger.of("event"), false);
    }

    static Work resync(String key) {
        return new Work(Work.Kind.INSTANCE, key, Priority.RESYNC, Trigger.of("resync"), Optional.empty(),
                Optional.empty(), false);
    }

    @Test
    void oneItemPerKeyRunsAtATimeAndABurstCoalescesIntoOneMore() {
        WorkQueue q = queue(4);
        gates.put("a", new CountDownLatch(1));
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        for (int i = 0; i < 5; i++) {
            q.submit(keyed("a"));
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.size() == 1);
        gates.remove("a").countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.size() == 2);
        assertEquals(new WorkQueue.Depth(0, 0, 0, 0), q.depth());
    }

    @Test
    void differentKeysRunInParallel() {
        WorkQueue q = queue(2);
        CountDownLatch both = new CountDownLatch(1);
        gates.put("a", both);
        gates.put("b", both);
        q.submit(keyed("a"));
        q.submit(keyed("b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        both.countDown();
    }

    @Test
    void keyedWorkGoesAheadOfQueuedResyncWorkAndPromotesIt() {
        WorkQueue q = queue(1);
        gates.put("busy", new CountDownLatch(1));
        q.submit(keyed("busy"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        q.submit(resync("r1"));
        q.submit(resync("r2"));
        q.submit(resync("r3"));
        q.submit(keyed("k"));
        q.submit(keyed("r3"));
        assertEquals(new WorkQueue.Depth(2, 2, 1, 0), q.depth());
        gates.remove("busy").countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 5);
        assertEquals(List.of("busy:KEYED", "k:KEYED", "r3:KEYED", "r1:RESYNC", "r2:RESYNC"), runs);
    }

    @Test
    void aFailingKeyHasOnePendingRetryWhoseBackoffDoublesUpToTheCap() {
        WorkQueue q = queue(2);
        behaviour = w -> Outcome.nothing().failed("HTTP 403 AuthorizationFailed");
        for (int i = 0; i < 3; i++) {
            int before = runs.size();
            q.submit(resync("a"));
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == before + 1 && q.depth().running() == 0);
        }
        assertEquals(1, delays.live().size(), "three failures, one retry chain");
        assertDelay(INITIAL, delays.live().get(0).delay());
        List<Duration> next = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int before = runs.size();
            delays.fire(delays.live().get(0));
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == before + 1 && delays.live().size() == 1);
            next.add(delays.live().get(0).delay());
        }
        assertEquals("a:KEYED", runs.get(runs.size() - 1), "a retry is keyed work");
        assertDelay(INITIAL.multipliedBy(8), next.get(0)); // the 4th failure in a row
        assertDelay(INITIAL.multipliedBy(16), next.get(1));
        assertDelay(MAX, next.get(2));
        assertDelay(MAX, next.get(3));
    }

    @Test
    void successCancelsThePendingRetry() {
        WorkQueue q = queue(1);
        behaviour = w -> Outcome.nothing().failed("boom");
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().size() == 1);
        behaviour = w -> Outcome.nothing();
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().isEmpty());
        behaviour = w -> Outcome.nothing().failed("again");
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().size() == 1);
        assertDelay(INITIAL, delays.live().get(0).delay());
    }

    @Test
    void anInstanceMidUpdateIsLookedAtAgainAfterThePollInterval() {
        WorkQueue q = queue(1);
        behaviour = w -> Outcome.nothing().recheck(Duration.ofSeconds(10));
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().size() == 1);
        assertDelay(Duration.ofSeconds(10), delays.live().get(0).delay());
        behaviour = w -> Outcome.nothing();
        delays.fire(delays.live().get(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        await().during(Duration.ofMillis(200)).until(() -> delays.live().isEmpty());
    }

    @Test
    void anErrorReleasesTheKeyFailsItsWaitersAndLivenessSeesIt() throws Exception {
        WorkQueue q = queue(1);
        behaviour = w -> {
            throw new OutOfMemoryError("simulated");
        };
        CompletableFuture<ReconcileReport> f = q.submit(keyed("a"));
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> f.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof OutOfMemoryError);
        assertTrue(q.fatalError().orElseThrow().contains("simulated"), q.fatalError().toString());
        behaviour = w -> Outcome.nothing();
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
    }

    @Test
    void aRuntimeExceptionIsAFailureWithARetry() throws Exception {
        WorkQueue q = queue(1);
        behaviour = w -> {
            throw new IllegalStateException("bug");
        };
        CompletableFuture<ReconcileReport> f = q.submit(keyed("a"));
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().size() == 1);
        assertEquals(Optional.empty(), q.fatalError());
    }

    @Test
    void afterShutdownNothingStartsAndTimersAreCancelled() {
        WorkQueue q = queue(1);
        behaviour = w -> Outcome.nothing().failed("boom");
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().size() == 1);
        q.stop(null);
        assertTrue(delays.live().isEmpty());
        assertTrue(q.submit(keyed("b")).isCancelled());
        await().during(Duration.ofMillis(200)).until(() -> runs.size() == 1);
    }

    @Test
    void shutdownWaitsForTheRunningItemAndDropsTheQueuedOnes() {
        WorkQueue q = queue(1);
        gates.put("a", new CountDownLatch(1));
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        q.submit(keyed("b"));
        try (LogCapture log = new LogCapture("io.apimdnssync.reconcile")) {
            Thread stopping = new Thread(() -> q.stop(null));
            stopping.start();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(stopping::isAlive);
            gates.remove("a").countDown(); // the running item (its zone batch) completes
            await().atMost(Duration.ofSeconds(5)).until(() -> !stopping.isAlive());
            assertEquals(1, log.at(org.jboss.logmanager.Level.INFO, "1 queued work item(s) dropped, 0 still running")
                    .size(), log.lines.toString());
        }
        assertEquals(List.of("a:KEYED"), runs, "the queued item never started");
    }

    @Test
    void workStillRunningAfterTheGraceIsCutShortAndSaysSo() {
        WorkQueue q = queue(1, Duration.ofMillis(200));
        gates.put("a", new CountDownLatch(1));
        behaviour = w -> Outcome.nothing().failed("interrupted while writing contoso.azure-api.net");
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
        q.submit(keyed("b"));
        try (LogCapture log = new LogCapture("io.apimdnssync.reconcile")) {
            q.stop(null);
            assertEquals(1, log.at(org.jboss.logmanager.Level.INFO, "1 queued work item(s) dropped, 1 still running "
                    + "after PT0.2S are cut short").size(), log.lines.toString());
            gates.remove("a").countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> !log.at(org.jboss.logmanager.Level.WARN,
                    "work for a was cut short by shutdown: interrupted while writing").isEmpty());
        }
        assertTrue(delays.live().isEmpty(), "no retry is scheduled after shutdown");
    }

    @Test
    void aTimerThatFiresAfterItWasReplacedDoesNothing() {
        WorkQueue q = queue(1);
        behaviour = w -> Outcome.nothing().failed("boom");
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> delays.live().size() == 1);
        ManualDelays.Timer retry = delays.live().get(0);
        behaviour = w -> Outcome.nothing().recheck(Duration.ofSeconds(10));
        q.submit(keyed("a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2 && delays.live().size() == 1
                && delays.live().get(0) != retry);
        ManualDelays.Timer poll = delays.live().get(0);
        delays.fire(retry); // the cancelled retry's callback runs anyway (it raced the cancel)
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.size() == 2);
        assertEquals(1, q.depth().scheduled(), "the update poll is still the one follow-up");
        delays.fire(poll);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 3);
    }

    @Test
    void droppedWorkIsReportedSoItsRoundCanEnd() {
        List<String> dropped = new CopyOnWriteArrayList<>();
        WorkQueue q = new WorkQueue(
                new WorkQueue.Limits(1, INITIAL, MAX, Duration.ofMillis(300), Duration.ofSeconds(5)), r -> {
                    throw new java.util.concurrent.RejectedExecutionException("pool closed");
                }, delays, new WorkRunner() {
                    @Override
                    public Outcome run(Work work) {
                        return Outcome.nothing();
                    }

                    @Override
                    public void dropped(Work work, String why) {
                        dropped.add(work.key() + ": " + why);
                    }
                });
        assertTrue(q.submit(keyed("a")).isCancelled());
        assertEquals(List.of("a: the executor refused it"), dropped);
        assertEquals(new WorkQueue.Depth(0, 0, 0, 0), q.depth(), "nothing is left running");
        q.stop(null);
        assertTrue(q.submit(keyed("b")).isCancelled());
        assertEquals(List.of("a: the executor refused it", "b: the daemon is shutting down"), dropped);
    }

    @Test
    void aWedgedQueueIsReportedStalledUntilAnItemFinishes() {
        WorkQueue q = queue(1);
        gates.put("a", new CountDownLatch(1));
        q.submit(keyed("a"));
        q.submit(keyed("b"));
        assertEquals(Optional.empty(), q.stalled(), "just started");
        await().atMost(Duration.ofSeconds(5)).until(() -> q.stalled().isPresent());
        assertTrue(q.stalled().orElseThrow().endsWith("while 1 run and 1 wait"), q.stalled().toString());
        gates.remove("a").countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> q.stalled().isEmpty() && q.depth().running() == 0);
        await().during(Duration.ofMillis(500)).until(() -> q.stalled().isEmpty());
    }

    /** Timers carry up to 10 % jitter. */
    static void assertDelay(Duration expected, Duration actual) {
        assertTrue(!actual.minus(expected).isNegative() && actual.compareTo(expected.plus(expected.dividedBy(10))) <= 0,
                "expected " + expected + " (+10 %), was " + actual);
    }
}
