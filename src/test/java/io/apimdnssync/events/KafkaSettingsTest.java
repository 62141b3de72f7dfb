package io.apimdnssync.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.apimdnssync.config.ConfigCheck;
import io.apimdnssync.config.ConfigCheckTest;
import io.apimdnssync.config.EventHubsConnectionString;
import io.apimdnssync.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event Hubs' Kafka settings from a connection string, as Microsoft documents them; the string never printed. */
class KafkaSettingsTest {
    static final String KEY = "c2VjcmV0LWtleS1ub3QtZm9yLWxvZ3M=";
    static final String HUB = "Endpoint=sb://ns-events.servicebus.windows.net/;SharedAccessKeyName=listen;"
            + "SharedAccessKey=" + KEY + ";EntityPath=apim-arm-events";

    static Map<String, String> kafka(String... kv) {
        Map<String, String> m = ConfigCheckTest.valid();
        m.put("apim-dns-sync.events.kafka.enabled", "true");
        for (int i = 0; i < kv.length; i += 2) {
            m.put("apim-dns-sync.events.kafka." + kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aConnectionStringGivesTheEndpointTheTopicAndSasl() {
        var k = ConfigCheckTest.map(kafka("connection-string", HUB)).events().kafka();
        Map<String, Object> p = KafkaEvents.properties(k);
        assertEquals("ns-events.servicebus.windows.net:9093", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("PLAIN", p.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"$ConnectionString\" "
                + "password=\"" + HUB + "\";", p.get("sasl.jaas.config"));
        assertEquals("apim-dns-sync", p.get("group.id"));
        assertEquals("false", p.get("enable.auto.commit"));
        assertEquals("apim-arm-events", KafkaEvents.topic(k));
        assertFalse(EventHubsConnectionString.parse(HUB).toString().contains(KEY));
    }

    @Test
    void explicitSettingsWinOverTheConnectionString() {
        var k = ConfigCheckTest.map(kafka("connection-string", HUB, "topic", "other-hub", "bootstrap-servers",
                "10.0.0.9:9093", "group-id", "dns", "properties.\"max.poll.records\"", "50")).events().kafka();
        Map<String, Object> p = KafkaEvents.properties(k);
        assertEquals("10.0.0.9:9093", p.get("bootstrap.servers"));
        assertEquals("dns", p.get("group.id"));
        assertEquals("50", p.get("max.poll.records"));
        assertEquals("other-hub", KafkaEvents.topic(k));
    }

    @Test
    void missingOrMalformedSettingsAreNamedWithoutPrintingTheKey() {
        String none = assertThrows(InvalidConfigException.class,
                () -> ConfigCheck.check(ConfigCheckTest.map(kafka()))).getMessage();
        assertTrue(none.contains("without a connection-string or bootstrap-servers"), none);
        assertTrue(none.contains("events.kafka.topic is not set"), none);

        String noHub = HUB.replace(";EntityPath=apim-arm-events", "");
        String noTopic = assertThrows(InvalidConfigException.class,
                () -> ConfigCheck.check(ConfigCheckTest.map(kafka("connection-string", noHub)))).getMessage();
        assertTrue(noTopic.contains("events.kafka.topic is not set"), noTopic);
        ConfigCheck.check(ConfigCheckTest.map(kafka("connection-string", noHub, "topic", "apim-arm-events")));

        for (String bad : new String[] {"SharedAccessKey=" + KEY, "Endpoint=https://x/;SharedAccessKeyName=a;"
                + "SharedAccessKey=" + KEY, HUB.replace("listen", "li\"sten")}) {
            String m = assertThrows(InvalidConfigException.class,
                    () -> ConfigCheck.check(ConfigCheckTest.map(kafka("connection-string", bad)))).getMessage();
            assertTrue(m.contains("events.kafka.connection-string"), m);
            assertFalse(m.contains(KEY), "the key is never printed: " + m);
        }
    }
}
