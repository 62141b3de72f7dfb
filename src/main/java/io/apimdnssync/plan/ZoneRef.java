package io.apimdnssync.plan;

import java.util.Locale;

/**
 * A zone the daemon may write. {@code provider} names the DNS it lives in (all Azure Private DNS zones are one
 * provider; each RFC 2136 server is one): placement picks the most specific zone per provider. {@code id} is unique
 * (an Azure zone's resource ID key), {@code name} the DNS name of the zone, lower-case, without the trailing dot.
 * Two Azure zones of the same name (in two hubs, say) are both written.
 */
public record ZoneRef(String provider, String id, String name) {
    public ZoneRef {
        name = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }

    /** The record name relative to this zone, {@code @} at the apex; the fqdn must be inside the zone. */
    public String relativeName(String fqdn) {
        return fqdn.equals(name) ? "@" : fqdn.substring(0, fqdn.length() - name.length() - 1);
    }

    public String fqdn(String relativeName) {
        return "@".equals(relativeName) ? name : relativeName.toLowerCase(Locale.ROOT) + "." + name;
    }

    public boolean covers(String fqdn) {
        return fqdn.equals(name) || fqdn.endsWith("." + name);
    }
}
