package io.apimdnssync.plan;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Who owns a record, read from and written to its metadata (Azure) or companion TXT record (RFC 2136). */
public record Ownership(String managedBy, String ownerId, String instance) {
    public static final String MANAGED_BY = "managed-by";
    public static final String OWNER_ID = "owner-id";
    public static final String INSTANCE = "instance";
    public static final String PRODUCT = "apim-dns-sync";

    public static Ownership of(String ownerId, String instanceKey) {
        return new Ownership(PRODUCT, ownerId, instanceKey);
    }

    /** Reads ownership from record metadata; keys are compared case-insensitively. Empty when not ours at all. */
    public static Optional<Ownership> fromMetadata(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Optional.empty();
        }
        if (!get(metadata, MANAGED_BY).filter(PRODUCT::equalsIgnoreCase).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new Ownership(PRODUCT, get(metadata, OWNER_ID).orElse(""),
                get(metadata, INSTANCE).map(i -> i.toLowerCase(Locale.ROOT)).orElse("")));
    }

    /** The value of a key, compared case-insensitively; a key without a value (JSON null) is absent. */
    private static Optional<String> get(Map<String, String> metadata, String key) {
        return metadata.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key) && e.getValue() != null)
                .map(Map.Entry::getValue).findFirst();
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MANAGED_BY, managedBy);
        m.put(OWNER_ID, ownerId);
        m.put(INSTANCE, instance);
        return m;
    }
}
