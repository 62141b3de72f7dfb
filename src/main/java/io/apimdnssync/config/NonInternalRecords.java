package io.apimdnssync.config;

/** What a Succeeded instance that is External or outside a VNET gets in the private zones. */
public enum NonInternalRecords {
    /** Point every name at the public VIP of its location: a private zone shadows public DNS. */
    PUBLIC_VIP,
    /** Remove the owned records (for links whose resolution policy falls back to the internet). */
    REMOVE
}
