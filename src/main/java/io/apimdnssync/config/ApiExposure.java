package io.apimdnssync.config;

/** Where the control and status API is served, and how it is protected. */
public enum ApiExposure {
    /** The public port, behind Microsoft Entra ID bearer tokens with app roles. */
    AUTHENTICATED,
    /** The management interface only (its own port, not exposed by the Service), without authentication. */
    MANAGEMENT
}
