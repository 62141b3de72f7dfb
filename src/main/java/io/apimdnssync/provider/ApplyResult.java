package io.apimdnssync.provider;

import io.apimdnssync.plan.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * What became of a zone's changes: applied; stale (the record changed since it was read: re-read and re-plan);
 * failed (with the reason).
 */
public record ApplyResult(List<Change> applied, List<Change> stale, List<Failed> failed) {

    public record Failed(Change change, String error) {
    }

    public static ApplyResult empty() {
        return new ApplyResult(List.of(), List.of(), List.of());
    }

    public static ApplyResult applied(Change c) {
        return new ApplyResult(List.of(c), List.of(), List.of());
    }

    public static ApplyResult stale(Change c) {
        return new ApplyResult(List.of(), List.of(c), List.of());
    }

    public static ApplyResult failed(Change c, String error) {
        return new ApplyResult(List.of(), List.of(), List.of(new Failed(c, error)));
    }

    /** Every change failed for the same reason (one UPDATE message refused, say). */
    public static ApplyResult allFailed(List<Change> changes, String error) {
        return new ApplyResult(List.of(), List.of(), changes.stream().map(c -> new Failed(c, error)).toList());
    }

    public ApplyResult plus(ApplyResult o) {
        List<Change> a = new ArrayList<>(applied);
        a.addAll(o.applied);
        List<Change> s = new ArrayList<>(stale);
        s.addAll(o.stale);
        List<Failed> f = new ArrayList<>(failed);
        f.addAll(o.failed);
        return new ApplyResult(List.copyOf(a), List.copyOf(s), List.copyOf(f));
    }
}
