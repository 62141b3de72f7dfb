package io.apimdnssync.config;

/** How the daemon authenticates to an RFC 2136 server. */
public enum DnsAuth {
    /** A shared TSIG key (RFC 8945). */
    TSIG,
    /** Kerberos through GSS-API (RFC 3645), as Windows DNS "Secure only" zones require. */
    GSS_TSIG,
    /** Unsigned (a zone that accepts nonsecure updates). */
    NONE
}
