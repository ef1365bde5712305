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
     * The index of the first character {@link #escape} would escape (control characters such as ESC, CR and
     * LF; format characters such as bidi overrides and zero-width spaces; other invisible ones), or -1 if
     * there is none: for fields that must stay readable text wherever they are shown.
     */
    public static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPrintable(text, i)) {
                return i;
            }
        }
        return -1;
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
