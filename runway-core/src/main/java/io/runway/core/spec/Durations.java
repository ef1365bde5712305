package io.runway.core.spec;

import io.runway.core.error.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users write in specs and requests: {@code 90s}, {@code 15m}, {@code 2h},
 * {@code 1d}, {@code 250ms}, compounds such as {@code 1h30m}, and ISO-8601 ({@code PT15M}).
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    /** Far beyond any sane TTL or wait, small enough that arithmetic on instants cannot overflow. */
    private static final Duration LIMIT = Duration.ofDays(3650);

    private Durations() {}

    /**
     * @param field the field path named in the error
     * @throws InvalidInputException naming the field and the column of the first bad character
     */
    public static Duration parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "a duration is required, such as 90s, 15m, 2h, 1d or PT15M");
        }
        String s = text.strip();
        Duration result = s.startsWith("P") || s.startsWith("p") ? parseIso(s, field) : parseShort(s, field);
        if (result.isNegative()) {
            throw new InvalidInputException(field, "duration must not be negative: '" + text + "'");
        }
        if (result.compareTo(LIMIT) > 0) {
            throw new InvalidInputException(field, "duration '" + text + "' is longer than the limit of 3650d");
        }
        return result;
    }

    private static Duration parseIso(String s, String field) {
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "not an ISO-8601 duration: '" + s + "' (column "
                    + (e.getErrorIndex() + 1) + "); write e.g. PT15M or 15m");
        }
    }

    private static Duration parseShort(String s, String field) {
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length()) {
            m.region(at, s.length());
            if (!m.lookingAt()) {
                throw new InvalidInputException(field, "not a duration: '" + s + "' (column " + (badColumn(s, at))
                        + "); write a number and a unit ms, s, m, h or d, e.g. 90s, 1h30m, or ISO-8601 PT15M");
            }
            long n = Long.parseLong(m.group(1));
            try {
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (ArithmeticException e) {
                throw new InvalidInputException(field, "duration '" + s + "' is too long");
            }
            at = m.end();
        }
        return total;
    }

    /** 1-based column of the first character that cannot continue a part starting at {@code at}. */
    private static int badColumn(String s, int at) {
        int i = at;
        while (i < s.length() && i - at < 12 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i + 1;
    }

    /** The shortest form that {@link #parse} reads back to the same value, e.g. {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.getNano() % 1_000_000 != 0) {
            return d.toString(); // below a millisecond there is no short form; ISO-8601 keeps it exact
        }
        StringBuilder b = new StringBuilder();
        long days = d.toDays();
        if (days > 0) b.append(days).append('d');
        if (d.toHoursPart() > 0) b.append(d.toHoursPart()).append('h');
        if (d.toMinutesPart() > 0) b.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) b.append(d.toSecondsPart()).append('s');
        if (d.toMillisPart() > 0) b.append(d.toMillisPart()).append("ms");
        return b.toString();
    }
}
