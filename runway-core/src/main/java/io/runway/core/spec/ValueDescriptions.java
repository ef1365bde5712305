package io.runway.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Words for what a field expects and what the document had instead, for binding and validation problems. */
public final class ValueDescriptions {
    private static final int MAX_SHOWN = 40;

    private ValueDescriptions() {}

    /**
     * {@code text} as a message may echo it: its first 40 characters and "..." when it is longer, so a hostile
     * 70,000-character value does not become a 70,000-character error. A surrogate pair is never split.
     */
    public static String shortened(String text) {
        return shortened(text, MAX_SHOWN);
    }

    /** {@code text} cut to {@code max} characters and "..." when longer, for values that are long by nature (paths). */
    public static String shortened(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "...";
    }

    static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 90s, 15m, 2h, 1d or PT15M";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping" : type.getSimpleName();
    }

    static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "something else";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "the string \"" + shortened(text) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText() + " (quote the value if you mean text)";
        }
        if (node.isNull()) {
            return "null";
        }
        return node.isArray() ? "a list" : "a mapping";
    }
}
