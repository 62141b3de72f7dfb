package io.apimdnssync.source;

import java.util.List;
import java.util.Optional;

/** One deployment location of an instance: the primary or an additional location. */
public record LocationSnapshot(
        String location,
        boolean primary,
        List<String> privateIps,
        List<String> publicIps,
        Optional<String> subnetId,
        Optional<String> regionalGatewayHost,
        List<String> zones,
        Optional<String> platformVersion) {
}
