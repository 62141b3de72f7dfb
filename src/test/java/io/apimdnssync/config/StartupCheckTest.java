package io.apimdnssync.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.runtime.StartupEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check as Quarkus runs it when the daemon starts: an invalid configuration stops the start. */
class StartupCheckTest {

    @Test
    void anInvalidConfigurationStopsTheStartWithEveryProblem() {
        Map<String, String> m = ConfigCheckTest.valid();
        m.remove("apim-dns-sync.policy");
        m.put("apim-dns-sync.owner-id", " ");
        m.put("apim-dns-sync.api.exposure", "management"); // no OIDC here (ApiExposureCheckTest covers that rule)
        SyncConfig c = ConfigCheckTest.map(m);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> new ConfigCheck().onStart(new StartupEvent(), c));
        assertEquals(ConfigCheck.problems(c), e.problems());
        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("invalid apim-dns-sync configuration:\n  - " + String.join("\n  - ", e.problems()),
                e.getMessage());
    }

    @Test
    void aValidConfigurationStarts() {
        Map<String, String> m = ConfigCheckTest.valid();
        m.put("apim-dns-sync.api.exposure", "management");
        SyncConfig c = ConfigCheckTest.map(m);
        assertEquals(List.of(), ConfigCheck.problems(c));
        assertDoesNotThrow(() -> new ConfigCheck().onStart(new StartupEvent(), c));
    }
}
