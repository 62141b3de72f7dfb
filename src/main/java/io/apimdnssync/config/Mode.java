package io.apimdnssync.config;

/** {@code enforce} applies plans; {@code observe} computes and reports them without a single write. */
public enum Mode {
    ENFORCE("enforce"),
    OBSERVE("observe");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
