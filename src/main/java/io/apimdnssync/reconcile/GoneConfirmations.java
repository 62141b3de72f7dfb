package io.apimdnssync.reconcile;

import io.apimdnssync.arm.ArmId;
import io.apimdnssync.config.SyncConfig;
import io.apimdnssync.source.ListPresence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a 404 means an instance is gone. One 404 is not enough — ARM answers 404 for a moment during failovers and
 * for reads routed to a lagging replica, and believing it deletes every record of a live instance. An instance is
 * gone when an ARM delete event for it arrived, or when two 404s at least {@code confirmAfter} apart agree and the
 * instance is absent from its resource group's list. Until then its records are held. Pure state, no I/O: the
 * caller reads the list when asked to.
 *
 * <p>
 * Keys come only from instances of the configured scope, and each map keeps at most {@link #MAX_TRACKED} of them
 * (the oldest go first), so made-up IDs cannot grow it.
 */
@ApplicationScoped
public class GoneConfirmations {
    static final int MAX_TRACKED = 10_000;

    private final Duration confirmAfter;
    private final Map<String, Instant> firstNotFound = bounded();
    private final Map<String, Instant> deleteEvents = bounded();
    /** When each instance was last read with a 200: a delete event older than that is history (a late delivery). */
    private final Map<String, Instant> lastFound = bounded();

    @Inject
    GoneConfirmations(SyncConfig config) {
        this(config.reconcile().goneConfirmAfter());
    }

    GoneConfirmations(Duration confirmAfter) {
        this.confirmAfter = confirmAfter;
    }

    /** The verdict on one 404. */
    public sealed interface Verdict {
        /** The instance is gone: its records may go. */
        record Confirmed(String why) implements Verdict {
        }

        /** Not yet: hold the records, and look again after {@code recheckIn}. */
        record Unconfirmed(String why, Duration recheckIn) implements Verdict {
        }

        /** The window has passed: read the resource group's list, then call {@link #listed}. */
        record ListNeeded() implements Verdict {
        }
    }

    /**
     * ARM said, by an event, that the instance was deleted at {@code at}. An event older than the instance's last 200
     * (Event Grid retries for a day, a Kafka consumer may replay) says nothing about the instance read since.
     */
    public synchronized void deleteEvent(ArmId id, Instant at) {
        Instant found = lastFound.get(id.key());
        if (found == null || at.isAfter(found)) {
            deleteEvents.put(id.key(), at);
        }
    }

    /** The instance was read (200) at {@code at}: any 404 before it was transient, any delete event before it history. */
    public synchronized void found(ArmId id, Instant at) {
        firstNotFound.remove(id.key());
        lastFound.merge(id.key(), at, (a, b) -> a.isAfter(b) ? a : b);
        Instant event = deleteEvents.get(id.key());
        if (event != null && !event.isAfter(at)) {
            deleteEvents.remove(id.key());
        }
    }

    /** A GET answered 404 at {@code now}. {@code record} false (a dry run) looks without leaving a trace. */
    public synchronized Verdict notFound(ArmId id, Instant now, boolean record) {
        String key = id.key();
        Instant event = deleteEvents.get(key);
        if (event != null) {
            return new Verdict.Confirmed("ARM answered 404 and a delete event for it arrived (" + event + ")");
        }
        Instant first = firstNotFound.get(key);
        if (first == null) {
            if (record) {
                firstNotFound.put(key, now);
            }
            return new Verdict.Unconfirmed("ARM answered 404 once; the records are held until a second 404 at least "
                    + confirmAfter.toSeconds() + " s later and the resource group's list confirm it is gone, or a "
                    + "delete event arrives", confirmAfter);
        }
        Duration waited = Duration.between(first, now);
        if (waited.compareTo(confirmAfter) < 0) {
            return new Verdict.Unconfirmed("ARM has answered 404 since " + first + "; the records are held until "
                    + confirmAfter.toSeconds() + " s have passed and the resource group's list confirms it",
                    confirmAfter.minus(waited));
        }
        return new Verdict.ListNeeded();
    }

    /** What the resource group's list said, after {@link Verdict.ListNeeded}. */
    public synchronized Verdict listed(ArmId id, Instant now, ListPresence presence, boolean record) {
        String key = id.key();
        Instant first = firstNotFound.get(key);
        if (first == null) {
            // A 200 came in between (another item, the sweep): the window starts again.
            return new Verdict.Unconfirmed("ARM answered 404, but the instance was read since; the records are held",
                    confirmAfter);
        }
        if (presence.state() == ListPresence.State.UNKNOWN) {
            return new Verdict.Unconfirmed("ARM answered 404 since " + first + ", but the resource group's list "
                    + "could not be read (" + presence.error() + "); the records are held", confirmAfter);
        }
        if (presence.state() == ListPresence.State.PRESENT) {
            if (record) {
                firstNotFound.put(key, now);
            }
            return new Verdict.Unconfirmed("ARM answered 404, but the instance is in its resource group's list; "
                    + "the records are held and the instance read again", confirmAfter);
        }
        if (record) {
            firstNotFound.remove(key);
        }
        return new Verdict.Confirmed("ARM answered 404 since " + first + " and the instance is absent from its "
                + "resource group's list");
    }

    /** Instances with a pending 404 or a delete event (for tests and the status). */
    public synchronized int tracked() {
        return firstNotFound.size() + deleteEvents.size();
    }

    private static Map<String, Instant> bounded() {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
