package io.apimdnssync.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Fault injection per route: an HTTP status (429 with Retry-After, 500, 503 …), added latency, or an etag race
 * (the record set is rewritten by "someone else" just before the request is handled). Each rule fires a number of
 * times, or forever with count -1.
 */
public final class Faults {
    public enum Kind {
        STATUS,
        LATENCY,
        ETAG_RACE
    }

    public record Rule(Kind kind, String method, Pattern path, int status, int retryAfterSeconds, long latencyMs,
            AtomicInteger remaining) {
        boolean matches(String m, String p) {
            return (method == null || method.isEmpty() || method.equalsIgnoreCase(m))
                    && path.matcher(p.toLowerCase(java.util.Locale.ROOT)).matches();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    public void add(Rule r) {
        rules.add(r);
    }

    public void clear() {
        rules.clear();
    }

    /** Takes one firing of the first matching rule of the kind, if any is left. */
    Optional<Rule> take(Kind kind, String method, String path) {
        for (Rule r : rules) {
            if (r.kind() == kind && r.matches(method, path)) {
                int left = r.remaining().getAndUpdate(n -> n > 0 ? n - 1 : n);
                if (left != 0) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
