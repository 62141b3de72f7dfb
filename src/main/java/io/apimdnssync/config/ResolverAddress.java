package io.apimdnssync.config;

/** A resolver as configured: {@code host}, {@code host:port}, {@code ip}, {@code ip:port} or {@code [ipv6]:port}. */
public record ResolverAddress(String host, int port) {

    /** Parses without using the network; throws IllegalArgumentException with the reason. */
    public static ResolverAddress parse(String spec) {
        String s = spec.trim();
        String host = s;
        String port = "53";
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("'" + spec + "': unclosed [");
            }
            host = s.substring(1, end);
            String rest = s.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + spec + "': expected :port after ]");
                }
                port = rest.substring(1);
            }
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        }
        boolean bracketed = s.startsWith("[");
        boolean hostOk = bracketed ? host.matches("[0-9A-Fa-f:.]+") && host.contains(":")
                : host.matches("[A-Za-z0-9.-]+") && (!host.matches("[0-9.]+") || ipv4(host));
        if (!hostOk || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + spec + "' is not host, ip or ip:port");
        }
        return new ResolverAddress(host, Integer.parseInt(port));
    }

    private static boolean ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
