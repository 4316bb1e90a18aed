package io.parcelwatch.common;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Command-line durations, the same in every ParcelWatch command: {@code 90s}, {@code 10m}, {@code 3h}, {@code 2d}, {@code 1d12h}, {@code 500ms} or ISO-8601 {@code PT3H}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    public static Duration parse(String value) {
        String text = value.trim().toLowerCase();
        if (text.startsWith("p")) {
            try {
                return Duration.parse(value.trim().toUpperCase());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 10m, 3h, 2d, 1d12h, PT3H)");
            }
        }
        Matcher m = PART.matcher(text);
        int at = 0;
        double millis = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                default -> 7 * 86_400_000L;
            };
            at = m.end();
        }
        if (at == 0 || at != text.length()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 90s, 10m, 3h, 2d, 1d12h, PT3H)");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** The short form of a duration (the inverse of {@link #parse} for whole units), for settings printed in reports. */
    public static String format(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 86400 == 0 && s > 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
