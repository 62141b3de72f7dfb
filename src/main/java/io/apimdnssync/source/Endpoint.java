package io.apimdnssync.source;

/** The kind of APIM endpoint a host name serves. */
public enum Endpoint {
    GATEWAY("gateway"),
    PORTAL("portal"),
    DEVELOPER_PORTAL("developer-portal"),
    MANAGEMENT("management"),
    SCM("scm"),
    REGIONAL_GATEWAY("regional-gateway"),
    CUSTOM("custom");

    private final String wire;

    Endpoint(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
