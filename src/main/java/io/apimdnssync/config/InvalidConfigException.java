package io.apimdnssync.config;

import java.util.List;

/** Thrown at start-up with every configuration problem found, one per line. */
public class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super("invalid apim-dns-sync configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
