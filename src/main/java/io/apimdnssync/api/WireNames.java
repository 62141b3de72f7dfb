package io.apimdnssync.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Locale;

/**
 * The API's JSON spells every enum value as the documentation and the configuration do: lower case with hyphens
 * ({@code conflict}, {@code zone-not-linked}, {@code developer-portal}, {@code upsert-only}). One rule on Quarkus's one
 * ObjectMapper instead of a wire name on each enum.
 */
@Singleton
public class WireNames implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("apim-dns-sync-wire-names").addSerializer(Enum.class, new Wire()));
    }

    /** {@code ZONE_NOT_LINKED} → {@code zone-not-linked}. */
    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @SuppressWarnings("rawtypes")
    private static final class Wire extends JsonSerializer<Enum> {
        @Override
        public void serialize(Enum value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(of(value));
        }
    }
}
