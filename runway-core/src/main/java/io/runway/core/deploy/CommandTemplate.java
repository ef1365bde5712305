package io.runway.core.deploy;

import io.runway.core.error.InvalidInputException;
import java.util.Map;
import java.util.Set;

/**
 * The placeholders a command argument or environment value may hold: {@code ${port}}, {@code ${version}}
 * and {@code ${service}}. Only whole known names are substituted, in one pass (a substituted value is
 * never scanned again); any other {@code ${...}} is an error rather than being passed on, so a typo
 * cannot silently reach the process. A lone {@code $} is literal.
 */
public final class CommandTemplate {
    public static final Set<String> PLACEHOLDERS = Set.of("port", "version", "service");

    private CommandTemplate() {}

    /** Throws InvalidInputException naming {@code field} if the text holds an unknown or unclosed placeholder. */
    public static void check(String text, String field) {
        expand(text, Map.of("port", "", "version", "", "service", ""), field);
    }

    /** The text with every placeholder replaced by its value from {@code values}. */
    public static String expand(String text, Map<String, String> values, String field) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int at = 0;
        while (true) {
            int open = text.indexOf("${", at);
            if (open < 0) {
                return out.append(text, at, text.length()).toString();
            }
            int close = text.indexOf('}', open + 2);
            if (close < 0) {
                throw new InvalidInputException(field, "unclosed placeholder at column " + (open + 1)
                        + "; known placeholders are ${port}, ${version} and ${service}");
            }
            String name = text.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) {
                throw new InvalidInputException(field, "unknown placeholder '${" + abbreviate(name)
                        + "}'; known placeholders are ${port}, ${version} and ${service}");
            }
            out.append(text, at, open).append(value);
            at = close + 1;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
