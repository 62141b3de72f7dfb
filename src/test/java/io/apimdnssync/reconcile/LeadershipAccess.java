package io.apimdnssync.reconcile;

/** For tests outside this package: what the Lease would do to this replica's leadership. */
public final class LeadershipAccess {
    private LeadershipAccess() {
    }

    public static void follow(Leadership l) {
        l.follow();
    }

    public static void lead(Leadership l) {
        l.lead();
    }
}
