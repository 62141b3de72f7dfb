package io.apimdnssync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TSIG keys from a BIND key file (the format {@code nsupdate -k} and tsig-keygen use), and their checks. */
final class TsigKeys {
    private static final Pattern KEY = Pattern.compile(
            "key\\s+\"?([^\"\\s{]+)\"?\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern ALGORITHM = Pattern.compile("algorithm\\s+\"?([A-Za-z0-9.-]+)\"?\\s*;");
    private static final Pattern SECRET = Pattern.compile("secret\\s+\"([^\"]+)\"\\s*;");

    private TsigKeys() {
    }

    /** Parses the first key of a BIND key file; the message names what is wrong, never the secret. */
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
        TsigAlgorithm algorithm = TsigAlgorithm.HMAC_SHA256;
        if (a.find()) {
            String name = a.group(1);
            algorithm = TsigAlgorithm.fromKeyFileName(name).orElseThrow(() -> new IllegalArgumentException(
                    "key file " + file + ": TSIG algorithm '" + name + "' is not supported: use one of "
                            + java.util.Arrays.stream(TsigAlgorithm.values()).map(TsigAlgorithm::keyFileName)
                                    .toList()));
        }
        return new DnsServerSettings.TsigKey(k.group(1), algorithm, s.group(1));
    }

    static Optional<String> problem(DnsServerSettings.TsigKey key) {
        try {
            Base64.getDecoder().decode(key.secret());
        } catch (IllegalArgumentException e) {
            return Optional.of("the TSIG secret of key '" + key.name() + "' is not base64");
        }
        return Optional.empty();
    }
}
