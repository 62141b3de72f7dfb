package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
import org.eclipse.microprofile.config.spi.Converter;

/** Configured resource IDs, parsed on the way in; the message says what the form is. */
public class ArmIdConverter implements Converter<ArmId> {
    @Override
    public ArmId convert(String value) {
        return ArmId.of(value);
    }
}
