package io.apimdnssync.source;

/** Strict dotted-quad IPv4 check: ARM examples contain masked values such as {@code 172.XX.0.5}. */
public final class Ipv4 {
    private Ipv4() {
    }

    public static boolean isValid(String s) {
        if (s == null) {
            return false;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
            if ((p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why a valid address cannot be a service's VIP, if it cannot: unspecified (0.x), loopback (127.x), link-local
     * (169.254.x), multicast (224–239.x), reserved and broadcast (240–255.x). Empty for an address a VIP can be.
     */
    public static java.util.Optional<String> unusable(String valid) {
        String[] p = valid.split("\\.");
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        if (a == 0) {
            return java.util.Optional.of("unspecified");
        }
        if (a == 127) {
            return java.util.Optional.of("loopback");
        }
        if (a == 169 && b == 254) {
            return java.util.Optional.of("link-local");
        }
        if (a >= 224 && a <= 239) {
            return java.util.Optional.of("multicast");
        }
        if (a >= 240) {
            return java.util.Optional.of(valid.equals("255.255.255.255") ? "broadcast" : "reserved");
        }
        return java.util.Optional.empty();
    }
}
