package io.runway.core.traffic;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a regular expression's text says about its compiled size, read before RE2/J compiles it. RE2/J has no
 * memory limit of its own (unlike C++ RE2's max_mem): it expands a counted repeat {@code x{n}} into n copies of
 * x, so nested repeats multiply ({@code ((a{1000}){1000}){1000}} is 10^9 copies and exhausts the heap), and it
 * recurses once per nested group (thousands overflow the stack). Both are bounded here from the text alone.
 *
 * @param expandedSize an upper bound of the atoms after counted repeats are expanded (a group counts as its
 *     content; alternatives add up), capped at {@link #CAP}
 * @param nesting how deeply groups nest
 */
record RegexShape(long expandedSize, int nesting) {
    /** Sizes saturate here, far above any limit, so products of repeat counts cannot overflow. */
    static final long CAP = 1L << 40;
    /** RE2 refuses larger repeat counts; a larger one in the text is counted as this and RE2 reports it. */
    private static final int MAX_REPEAT = 1000;

    static RegexShape of(String regex) {
        return new Reader(regex).read();
    }

    /** A single left-to-right pass; every open group keeps the size of its content so far. */
    private static final class Reader {
        private final String text;
        private final Deque<Long> enclosing = new ArrayDeque<>();
        private long size;      // of the innermost open group's content so far
        private long lastAtom;  // size of the atom a following repeat applies to
        private int nesting;
        private int i;

        Reader(String text) {
            this.text = text;
        }

        RegexShape read() {
            while (i < text.length()) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> atom(skipEscape());
                    case '[' -> {
                        i = endOfClass(i);
                        atom(1);
                    }
                    case '(' -> {
                        enclosing.push(size);
                        nesting = Math.max(nesting, enclosing.size());
                        size = 0;
                        lastAtom = 0;
                        i = afterGroupPrefix(i + 1);
                    }
                    case ')' -> {
                        long group = size;
                        size = enclosing.isEmpty() ? 0 : enclosing.pop();
                        i++;
                        atom(group);
                    }
                    case '{' -> repeatOrLiteral();
                    case '|' -> {
                        lastAtom = 0;
                        i++;
                    }
                    case '*', '+', '?' -> { // a loop, not copies: one instruction more
                        lastAtom = add(lastAtom, 1);
                        size = add(size, 1);
                        i++;
                    }
                    default -> {
                        i++;
                        atom(1);
                    }
                }
            }
            while (!enclosing.isEmpty()) { // an unclosed group: RE2 refuses it, the size still counts
                size = add(enclosing.pop(), size);
            }
            return new RegexShape(size, nesting);
        }

        private void atom(long atomSize) {
            lastAtom = atomSize;
            size = add(size, atomSize);
        }

        /** {@code {n}}, {@code {n,}} or {@code {n,m}} repeats the last atom; any other brace is a literal. */
        private void repeatOrLiteral() {
            int close = text.indexOf('}', i);
            String body = close < 0 ? "" : text.substring(i + 1, close);
            if (!body.matches("\\d+(,\\d*)?")) {
                i++;
                atom(1);
                return;
            }
            int comma = body.indexOf(',');
            long low = count(comma < 0 ? body : body.substring(0, comma));
            long times = comma < 0 ? low : comma == body.length() - 1 ? low + 1 : count(body.substring(comma + 1));
            long copies = Math.max(times, 1);
            size = add(size, multiply(lastAtom, copies - 1));
            lastAtom = multiply(lastAtom, copies);
            i = close + 1;
        }

        /** Skips the flags or name of {@code (?i)}, {@code (?i:}, {@code (?P<name>}, which are no atoms. */
        private int afterGroupPrefix(int j) {
            if (j >= text.length() || text.charAt(j) != '?') {
                return j;
            }
            int k = j + 1;
            while (k < text.length() && text.charAt(k) != ')' && text.charAt(k) != ':' && text.charAt(k) != '>'
                    && text.charAt(k) != '(') {
                k++;
            }
            return k < text.length() && text.charAt(k) != ')' && text.charAt(k) != '(' ? k + 1 : k;
        }

        /** Skips a backslash escape and returns how many atoms it stands for. */
        private int skipEscape() {
            if (i + 1 >= text.length()) {
                i++;
                return 1;
            }
            char kind = text.charAt(i + 1);
            if (kind == 'Q') { // literal text up to \E
                int end = text.indexOf("\\E", i + 2);
                int stop = end < 0 ? text.length() : end;
                int atoms = Math.max(stop - (i + 2), 1);
                i = end < 0 ? text.length() : end + 2;
                return atoms;
            }
            i += 2;
            boolean braced = (kind == 'p' || kind == 'P' || kind == 'x') && i < text.length() && text.charAt(i) == '{';
            if (braced) { // \p{Greek}, \x{10FFFF}: the braces belong to the escape
                int close = text.indexOf('}', i);
                i = close < 0 ? text.length() : close + 1;
            }
            return 1;
        }

        /** The index after the class that starts at {@code open}: {@code []a]}, {@code [^]a]}, {@code [[:alpha:]]}. */
        private int endOfClass(int open) {
            int j = open + 1;
            if (j < text.length() && text.charAt(j) == '^') {
                j++;
            }
            if (j < text.length() && text.charAt(j) == ']') {
                j++;
            }
            while (j < text.length()) {
                char c = text.charAt(j);
                if (c == ']') {
                    return j + 1;
                }
                if (c == '\\') {
                    j = escapeInClassEnd(j);
                } else if (c == '[' && j + 1 < text.length() && text.charAt(j + 1) == ':') {
                    int end = text.indexOf(":]", j + 2);
                    j = end < 0 ? j + 1 : end + 2;
                } else {
                    j++;
                }
            }
            return j;
        }

        private int escapeInClassEnd(int backslash) {
            int j = backslash + 2;
            char kind = backslash + 1 < text.length() ? text.charAt(backslash + 1) : ' ';
            if ((kind == 'p' || kind == 'P' || kind == 'x') && j < text.length() && text.charAt(j) == '{') {
                int close = text.indexOf('}', j);
                return close < 0 ? text.length() : close + 1;
            }
            return j;
        }

        private static long count(String digits) {
            return digits.length() > 4 ? MAX_REPEAT + 1 : Math.min(Long.parseLong(digits), MAX_REPEAT + 1);
        }

        private static long add(long a, long b) {
            return Math.min(a + b, CAP);
        }

        private static long multiply(long a, long b) {
            return a == 0 || b == 0 ? 0 : a > CAP / b ? CAP : Math.min(a * b, CAP);
        }
    }
}
