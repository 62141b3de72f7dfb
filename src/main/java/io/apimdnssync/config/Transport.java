package io.apimdnssync.config;

/** How DNS messages reach an RFC 2136 server. */
public enum Transport {
    TCP,
    UDP
}
