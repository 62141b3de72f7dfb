package io.apimdnssync.arm;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A top-level ARM resource ID ({@code /subscriptions/S/resourceGroups/G/providers/NS/TYPE/NAME}).
 * ARM compares IDs case-insensitively and returns them in mixed case; {@link #key()} is the canonical form.
 */
public record ArmId(String subscription, String resourceGroup, String namespace, String type, String name) {

    public static Optional<ArmId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String[] p = raw.trim().replaceAll("/+$", "").split("/");
        // "", subscriptions, S, resourceGroups, G, providers, NS, TYPE, NAME
        if (p.length != 9 || !p[0].isEmpty()
                || !p[1].equalsIgnoreCase("subscriptions") || !p[3].equalsIgnoreCase("resourceGroups")
                || !p[5].equalsIgnoreCase("providers")) {
            return Optional.empty();
        }
        for (int i = 2; i < p.length; i += 1) {
            if (p[i].isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ArmId(p[2], p[4], p[6], p[7], p[8]));
    }

    /** Parses an ID, throwing with the expected form; SmallRye Config uses it to convert configured IDs. */
    public static ArmId of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException("'" + raw + "' is not a resource ID of the "
                + "form /subscriptions/<id>/resourceGroups/<group>/providers/<namespace>/<type>/<name>"));
    }

    /** Stands for something that is not a resource ID (a malformed key), so that it can still be reported. */
    public static ArmId placeholder(String raw) {
        return new ArmId("?", "?", "Microsoft.ApiManagement", "service", raw);
    }

    private static final Pattern SUBSCRIPTION = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** ARM's rule: 1–90 letters, digits, underscores, hyphens, periods and parentheses, not ending in a period. */
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[\\p{L}\\p{N}_\\-.()]{0,89}[\\p{L}\\p{N}_\\-()]");
    /** APIM's rule: 1–50 characters, letters, digits and hyphens, starting with a letter, ending alphanumeric. */
    private static final Pattern APIM_NAME = Pattern.compile("[a-zA-Z](?:[a-zA-Z0-9-]{0,48}[a-zA-Z0-9])?");

    /**
     * Whether this is an APIM service ID ARM could have issued: a GUID subscription, a valid resource group and a
     * valid service name. IDs from events, callers and record metadata are checked with it before anything is
     * looked up or kept.
     */
    public boolean isWellFormedApim() {
        return isOfType("Microsoft.ApiManagement/service") && SUBSCRIPTION.matcher(subscription).matches()
                && RESOURCE_GROUP.matcher(resourceGroup).matches() && APIM_NAME.matcher(name).matches();
    }

    public boolean isOfType(String namespaceAndType) {
        return (namespace + "/" + type).equalsIgnoreCase(namespaceAndType);
    }

    public String path() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + namespace + "/"
                + type + "/" + name;
    }

    /** Canonical, lower-case form used as a map key and in ownership metadata. */
    public String key() {
        return path().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArmId other && other.key().equals(key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return path();
    }
}
