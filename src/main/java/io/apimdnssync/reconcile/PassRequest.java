package io.apimdnssync.reconcile;

import java.util.Set;

/** One reconcile pass: every instance ({@code keys} empty and {@code full}) or the given instance keys. */
public record PassRequest(boolean full, Set<String> keys, boolean force, boolean dryRun, String trigger) {
    public static PassRequest full(String trigger) {
        return new PassRequest(true, Set.of(), false, false, trigger);
    }

    public static PassRequest keys(Set<String> keys, String trigger) {
        return new PassRequest(false, Set.copyOf(keys), false, false, trigger);
    }

    public PassRequest forced(boolean f) {
        return new PassRequest(full, keys, f, dryRun, trigger);
    }

    public PassRequest asDryRun() {
        return new PassRequest(full, keys, force, true, trigger);
    }
}
