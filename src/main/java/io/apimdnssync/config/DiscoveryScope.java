package io.apimdnssync.config;

import io.apimdnssync.arm.ArmId;
import java.util.Map;
import java.util.Optional;

/** A subscription or resource group whose APIM services are listed, optionally narrowed by a tag selector. */
public record DiscoveryScope(String subscription, Optional<String> resourceGroup, Map<String, String> tags) {
    public DiscoveryScope {
        subscription = subscription.trim();
        resourceGroup = resourceGroup.map(String::trim);
        tags = Map.copyOf(tags);
    }

    /** The subscription and resource group match (tags aside). */
    public boolean covers(ArmId id) {
        return subscription.equalsIgnoreCase(id.subscription())
                && resourceGroup.map(g -> g.equalsIgnoreCase(id.resourceGroup())).orElse(true);
    }

    /** Every tag of the selector is present (names case-insensitive) with its value, or any value for {@code *}. */
    public boolean matches(Map<String, String> resourceTags) {
        Map<String, String> actual = resourceTags == null ? Map.of() : resourceTags;
        return tags.entrySet().stream().allMatch(t -> actual.entrySet().stream()
                .anyMatch(a -> a.getKey().equalsIgnoreCase(t.getKey())
                        && ("*".equals(t.getValue()) || t.getValue().equals(a.getValue()))));
    }

    /** For messages: "subscription S resource group G". */
    public String describe() {
        return "subscription " + subscription + resourceGroup.map(g -> " resource group " + g).orElse("");
    }
}
