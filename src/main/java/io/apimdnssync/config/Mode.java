package io.apimdnssync.config;

/** {@code enforce} applies plans; {@code observe} computes and reports them without a single write. */
public enum Mode {
    ENFORCE,
    OBSERVE
}
