package io.apimdnssync.source;

import static io.apimdnssync.source.SnapshotMapperTest.parse;
import static io.apimdnssync.source.SnapshotMapperTest.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A well-formed address no client can reach a service at is a payload problem: nothing is written. */
class UsableVipTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "0.0.0.0, unspecified",
            "0.1.2.3, unspecified",
            "127.0.0.1, loopback",
            "169.254.0.4, link-local",
            "224.0.0.1, multicast",
            "239.255.255.255, multicast",
            "240.0.0.1, reserved",
            "255.255.255.255, broadcast",
            "10.0.0.1, ''",
            "169.253.0.1, ''",
            "223.255.255.255, ''",
            "126.0.0.1, ''",
            "1.0.0.0, ''",
    })
    void unusable(String ip, String why) {
        assertEquals(why.isEmpty() ? Optional.empty() : Optional.of(why), Ipv4.unusable(ip));
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, loopback", "255.255.255.255, broadcast"})
    void anUnusableVipIsAProblemOfThePayload(String ip, String why) throws Exception {
        InstanceSnapshot s = SnapshotMapper.map(parse(payload(ip, "Internal")), Instant.EPOCH);
        assertEquals(List.of("primary location 'West US': privateIPAddresses contains '" + ip + "', a " + why
                + " address, which no client can reach the service at"), s.problems());
    }
}
