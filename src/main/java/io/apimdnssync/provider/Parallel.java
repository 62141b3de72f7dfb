package io.apimdnssync.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Runs a function over items on an executor, at most {@code limit} at a time; results in the items' order. */
public final class Parallel {
    private final Executor executor;
    private final int limit;

    public Parallel(Executor executor, int limit) {
        this.executor = executor;
        this.limit = limit;
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
