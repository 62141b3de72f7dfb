package io.apimdnssync.source;

/** A host name of an instance, the endpoint it serves and the location whose VIP it resolves to. */
public record HostName(String name, Endpoint endpoint, String location) {
}
