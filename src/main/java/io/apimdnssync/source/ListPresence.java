package io.apimdnssync.source;

/** Whether an instance appears in its resource group's paged list; {@link State#UNKNOWN} when the list failed. */
public record ListPresence(State state, String error) {
    public enum State {
        PRESENT,
        ABSENT,
        UNKNOWN
    }

    public static ListPresence of(boolean present) {
        return new ListPresence(present ? State.PRESENT : State.ABSENT, "");
    }

    public static ListPresence unknown(String error) {
        return new ListPresence(State.UNKNOWN, error);
    }
}
