package io.apimdnssync.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses the lower-case, hyphenated configuration spelling of an enum. */
final class Wire {
    private Wire() {
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, Function<E, String> wire, String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(type.getEnumConstants()).filter(e -> wire.apply(e).equals(wanted)).findFirst();
    }

    static <E extends Enum<E>> String choices(Class<E> type, Function<E, String> wire) {
        return Arrays.stream(type.getEnumConstants()).map(e -> "'" + wire.apply(e) + "'").collect(Collectors.joining(", "));
    }
}
