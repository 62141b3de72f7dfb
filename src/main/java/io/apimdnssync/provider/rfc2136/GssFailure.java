package io.apimdnssync.provider.rfc2136;

import java.io.IOException;
import java.util.Locale;

/**
 * A Kerberos or GSS-API failure in words a Windows or Kerberos administrator can act on: what went wrong (KDC
 * unreachable, clock skew, unknown principal, wrong password or keytab, ticket expired …) and what to check.
 */
final class GssFailure extends IOException {
    private final boolean permanent;

    private GssFailure(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    GssFailure(String message) {
        super(message);
        this.permanent = false;
    }

    /** Whether trying again soon cannot help and may lock the account (wrong password, unknown, locked, expired). */
    boolean permanent() {
        return permanent;
    }

    /** Names a failure of {@code what} (e.g. "Kerberos login as svc@CORP") from the exception and its causes. */
    static GssFailure of(String what, Throwable e, String kdc, String servicePrincipal) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        String text = all.toString();
        String low = text.toLowerCase(Locale.ROOT);
        String why;
        boolean permanent = false;
        if (low.contains("(37)") || low.contains("clock skew") || low.contains("(33)")
                || low.contains("not yet valid")) {
            why = "clock skew: this machine's clock and the KDC's differ by more than Kerberos allows (5 min); "
                    + "synchronise the clocks (NTP)";
        } else if (low.contains("(6)") || low.contains("client not found")) {
            permanent = true;
            why = "principal unknown: the KDC has no principal by this name (check gss.principal and gss.realm)";
        } else if (low.contains("(7)") || low.contains("server not found")) {
            why = "service principal " + servicePrincipal + " unknown to the KDC (check gss.service-host: the DNS "
                    + "server's host name, its SPN DNS/<host>)";
        } else if (low.contains("(24)") || low.contains("(31)") || low.contains("pre-authentication")
                || low.contains("integrity check") || low.contains("checksum failed")) {
            permanent = true;
            why = "wrong password or keytab: the KDC refused the principal's key";
        } else if (low.contains("unable to obtain password") || low.contains("no key to store")
                || low.contains("keytab")) {
            permanent = true;
            why = "the keytab holds no key for this principal (or cannot be read)";
        } else if (low.contains("(23)") || low.contains("password has expired")) {
            permanent = true;
            why = "the account's password has expired: set a new one (and a new keytab)";
        } else if (low.contains("(32)") || low.contains("ticket expired")) {
            why = "ticket expired";
        } else if (low.contains("no valid credentials") || low.contains("failed to find any kerberos tgt")) {
            why = "no Kerberos ticket to use (the login gave none)";
        } else if (low.contains("(18)") || low.contains("revoked") || low.contains("locked")) {
            permanent = true;
            why = "the account is disabled or locked out";
        } else if (low.contains("cannot contact any kdc") || low.contains("timed out")
                || low.contains("connection refused") || low.contains("unreachable")
                || low.contains("cannot locate kdc")) {
            why = "KDC unreachable" + (kdc.isEmpty() ? "" : " (" + kdc + ")")
                    + ": check gss.kdc, krb5.conf or the realm's DNS SRV records, and the network";
        } else {
            why = text.trim();
        }
        return new GssFailure(what + " failed: " + why, e, permanent);
    }
}
