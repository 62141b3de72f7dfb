package io.apimdnssync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TSIG keys from configuration or from a BIND key file (the format {@code nsupdate -k} and tsig-keygen use). */
final class TsigKeys {
    static final Set<String> ALGORITHMS = Set.of("hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384",
            "hmac-sha512");
    private static final Pattern KEY = Pattern.compile(
            "key\\s+\"?([^\"\\s{]+)\"?\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern ALGORITHM = Pattern.compile("algorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"\\s*;");

    private TsigKeys() {
    }

    /** Parses the first key of a BIND key file; the message names what is missing, never the secret. */
    static DnsServerSettings.TsigKey fromKeyFile(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher k = KEY.matcher(text);
        if (!k.find()) {
            throw new IllegalArgumentException("key file " + file + " has no 'key \"name\" { … };' block");
        }
        Matcher a = ALGORITHM.matcher(k.group(2));
        Matcher s = SECRET.matcher(k.group(2));
        if (!s.find()) {
            throw new IllegalArgumentException("key file " + file + " has no secret for key " + k.group(1));
        }
        String algorithm = a.find() ? a.group(1).toLowerCase(Locale.ROOT) : "hmac-sha256";
        return new DnsServerSettings.TsigKey(k.group(1), algorithm, s.group(1));
    }

    static Optional<String> problem(DnsServerSettings.TsigKey key) {
        if (!ALGORITHMS.contains(key.algorithm())) {
            return Optional.of("TSIG algorithm '" + key.algorithm() + "' is not supported: use " + ALGORITHMS);
        }
        try {
            Base64.getDecoder().decode(key.secret());
        } catch (IllegalArgumentException e) {
            return Optional.of("the TSIG secret of key '" + key.name() + "' is not base64");
        }
        return Optional.empty();
    }
}
