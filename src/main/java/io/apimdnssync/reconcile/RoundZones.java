package io.apimdnssync.reconcile;

import io.apimdnssync.plan.ZoneRef;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The zone listings of one round: the first item that needs a zone lists it, every later one (and the sweep) uses
 * that listing — a customer zone holding many instances' custom domains is read once per round. A listing may be
 * older than a write another item made since; the write's ETag or prerequisites catch a plan made on it. A zone that
 * could not be read is not kept: the next item that needs it tries again.
 */
final class RoundZones {
    private final Map<ZoneRef, CompletableFuture<ZoneReader.Read>> listed = new ConcurrentHashMap<>();

    ZoneReader.Read get(ZoneRef zone, Supplier<ZoneReader.Read> read) {
        CompletableFuture<ZoneReader.Read> mine = new CompletableFuture<>();
        CompletableFuture<ZoneReader.Read> theirs = listed.putIfAbsent(zone, mine);
        if (theirs != null) {
            return theirs.join();
        }
        ZoneReader.Read r = read.get();
        if (r.records().isEmpty()) {
            listed.remove(zone, mine);
        }
        mine.complete(r);
        return r;
    }

    void forget(ZoneRef zone) {
        listed.remove(zone);
    }

    int size() {
        return listed.size();
    }
}
