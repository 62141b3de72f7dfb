package io.apimdnssync.config;

/** How an RFC 2136 server's zone is read: AXFR where allowed, else per-name queries ({@code auto}), or one of them. */
public enum ReadMode {
    AUTO,
    AXFR,
    QUERY
}
