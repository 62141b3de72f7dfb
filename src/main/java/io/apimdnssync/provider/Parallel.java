package io.apimdnssync.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Runs a function over items on an executor, at most {@code limit} at a time; results in the items' order. The caller
 * blocks until all are done, so each level of nesting gets a pool of its own ({@link #pool}): a task never waits for
 * tasks queued behind it in the same pool.
 */
public final class Parallel {
    private final Executor executor;
    private final int limit;

    public Parallel(Executor executor, int limit) {
        this.executor = executor;
        this.limit = limit;
    }

    /** A managed executor of its own (no context propagated), for one level of parallel calls; shut it down. */
    public static ManagedExecutor pool(int maxThreads) {
        return ManagedExecutor.builder().maxAsync(maxThreads).propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING).build();
    }

    /** The function must not throw for one item: failures belong in its result. */
    public <T, R> List<R> map(List<T> items, Function<T, R> work) {
        if (items.size() <= 1 || limit == 1) {
            return items.stream().map(work).toList();
        }
        Semaphore slots = new Semaphore(limit);
        List<CompletableFuture<R>> futures = new ArrayList<>();
        try {
            for (T item : items) {
                slots.acquire();
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return work.apply(item);
                    } finally {
                        slots.release();
                    }
                }, executor));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("interrupted", e);
        }
        try {
            return futures.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
