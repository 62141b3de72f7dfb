package io.apimdnssync.config;

/** The Azure cloud the daemon talks to; {@code custom} takes its endpoint and token audience from configuration. */
public enum Cloud {
    PUBLIC,
    CHINA,
    US_GOVERNMENT,
    CUSTOM
}
