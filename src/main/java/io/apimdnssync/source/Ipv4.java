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
}
