package io.apimdnssync.config;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An Event Hubs connection string ({@code Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;
 * SharedAccessKey=…[;EntityPath=<hub>]}) and the Kafka settings Event Hubs documents for it: the namespace on port
 * 9093, SASL_SSL, PLAIN with the user {@code $ConnectionString} and the whole string as the password. The string is
 * a secret: {@link #toString()} never shows it, and neither do the parse errors.
 */
public record EventHubsConnectionString(String namespaceHost, Optional<String> entityPath, String secret) {
    public static EventHubsConnectionString parse(String text) {
        Map<String, String> parts = new HashMap<>();
        for (String part : text.trim().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || parts.getOrDefault("sharedaccesskeyname", "").isEmpty()
                || parts.getOrDefault("sharedaccesskey", "").isEmpty()) {
            throw new IllegalArgumentException("not an Event Hubs connection string (expected Endpoint=sb://…;"
                    + "SharedAccessKeyName=…;SharedAccessKey=…); copy it from the namespace's or the hub's shared "
                    + "access policy");
        }
        if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("holds a quote or a backslash, which no Event Hubs connection string "
                    + "has");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its Endpoint is not a URI");
        }
        if (!"sb".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("its Endpoint is not sb://<namespace>.servicebus.windows.net/");
        }
        return new EventHubsConnectionString(uri.getHost(),
                Optional.ofNullable(parts.get("entitypath")).filter(p -> !p.isBlank()), text.trim());
    }

    public String bootstrapServers() {
        return namespaceHost + ":9093";
    }

    /** The consumer properties that authenticate to Event Hubs' Kafka endpoint. */
    public Map<String, String> kafkaProperties() {
        return Map.of("bootstrap.servers", bootstrapServers(), "security.protocol", "SASL_SSL", "sasl.mechanism",
                "PLAIN", "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"$ConnectionString\" password=\"" + secret + "\";");
    }

    @Override
    public String toString() {
        return "EventHubsConnectionString[" + namespaceHost + entityPath.map(p -> "/" + p).orElse("") + "]";
    }
}
