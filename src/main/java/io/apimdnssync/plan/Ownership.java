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
        String by = get(metadata, MANAGED_BY);
        if (by == null || !by.equalsIgnoreCase(PRODUCT)) {
            return Optional.empty();
        }
        String owner = get(metadata, OWNER_ID);
        String instance = get(metadata, INSTANCE);
        return Optional.of(new Ownership(PRODUCT, owner == null ? "" : owner,
                instance == null ? "" : instance.toLowerCase(Locale.ROOT)));
    }

    private static String get(Map<String, String> metadata, String key) {
        return metadata.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MANAGED_BY, managedBy);
        m.put(OWNER_ID, ownerId);
        m.put(INSTANCE, instance);
        return m;
    }
}
