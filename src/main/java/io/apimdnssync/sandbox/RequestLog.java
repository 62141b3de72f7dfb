package io.apimdnssync.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/** Every ARM request the emulator answered, for tests to count (bounded). */
public final class RequestLog {
    /** One request; {@code body} is a write's request body (the first 4 KB), empty for reads. */
    public record Entry(Instant at, String method, String path, String query, int status, String ifMatch,
            String ifNoneMatch, String bearerToken, String body) {
        public boolean isWrite() {
            return method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
        }

        public boolean pathMatches(String regex) {
            return path.toLowerCase(java.util.Locale.ROOT).matches(regex);
        }
    }

    private static final int MAX = 50_000;
    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void add(Entry e) {
        if (entries.size() == MAX) {
            entries.removeFirst();
        }
        entries.addLast(e);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> matching(Predicate<Entry> p) {
        return entries.stream().filter(p).toList();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
