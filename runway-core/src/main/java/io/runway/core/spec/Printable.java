package io.runway.core.spec;

/** Makes user-supplied text safe to print on one line of a terminal or log. */
public final class Printable {
    private Printable() {}

    /** Escapes control, format, separator, private-use, unassigned and lone surrogate characters as backslash-u. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean safe = isPrintable(text, i);
            if (!safe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (safe) {
                    out.append(c);
                } else {
                    out.append(String.format("\\u%04X", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * The index of the first character that could forge or disguise text where a name is shown, or -1: control
     * characters (ESC, CR, LF, NUL, ...), line and paragraph separators, bidi controls (which reorder what
     * follows), the zero-width space and the byte-order mark (which hide a difference between two names), and
     * lone surrogates. For names people choose (lease owners from Jenkins job names, fingerprint fields), so
     * the joiners that Persian words and emoji sequences need (U+200C, U+200D), no-break spaces and characters
     * newer than this JVM's Unicode tables stay allowed; {@link #escape} still escapes them when printing.
     */
    public static int firstDeceptive(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean loneSurrogate = Character.isHighSurrogate(c)
                    ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            if (Character.isISOControl(c) || isDeceptiveFormat(c) || loneSurrogate) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDeceptiveFormat(char c) {
        return c == '\u061C' || c == '\u200B' || c == '\u200E' || c == '\u200F' || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF';
    }

    private static boolean isPrintable(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    && Character.isDefined(text.codePointAt(i)) && !isInvisible(text.codePointAt(i));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) && isPrintable(text, i - 1);
        }
        return c == ' ' || (Character.isDefined(c) && !Character.isISOControl(c) && !isInvisible(c));
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SPACE_SEPARATOR || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }
}
