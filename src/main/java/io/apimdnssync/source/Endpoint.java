package io.apimdnssync.source;

/** The kind of APIM endpoint a host name serves. */
public enum Endpoint {
    GATEWAY,
    PORTAL,
    DEVELOPER_PORTAL,
    MANAGEMENT,
    SCM,
    REGIONAL_GATEWAY,
    CUSTOM
}
