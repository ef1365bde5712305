package io.runway.core.traffic;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.runway.core.spec.ValueDescriptions;

/**
 * A cohort's regular expression in RE2 syntax, run by a router on a header or cookie of every request. RE2/J
 * matches in time linear in the value (no backtracking, so no backreferences or lookaround), where
 * {@code java.util.regex} takes exponential time on patterns like {@code (.*a){12}}. Its cost per request is
 * still the value's length times the compiled program's size, so both are bounded: values longer than
 * {@link #MAX_VALUE_LENGTH} never match, and a pattern compiles to at most {@link #MAX_PROGRAM_SIZE}
 * instructions.
 */
public final class CohortPattern {
    /**
     * A header or cookie value longer than this matches no cohort. It is the router's default limit on a whole
     * request header block (Jetty's 8 KiB), so any value a client can send is matched: the bound only caps the
     * cost of one match where a larger limit is configured.
     */
    public static final int MAX_VALUE_LENGTH = 8192;
    public static final int MAX_PATTERN_LENGTH = 1024;
    /** RE2 instructions; typical cohort patterns need a few dozen, a UUID pattern about 40. */
    public static final int MAX_PROGRAM_SIZE = 1000;
    /** Deeper nesting overflows RE2/J's recursive compiler long before any real pattern needs it. */
    static final int MAX_NESTING = 100;
    /** The text's expanded size above which compiling is not even tried (it can exhaust the heap). */
    private static final long MAX_EXPANDED_SIZE = 10L * MAX_PROGRAM_SIZE;
    private static final String REPEATS = " (a repeat {n,m} copies what it repeats m times)";

    private final Pattern pattern;

    private CohortPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Compiles {@code regex}; {@link IllegalArgumentException} with {@link #problemWith}'s words if it cannot. */
    public static CohortPattern compile(String regex) {
        Compiled c = compileChecked(regex);
        if (c.problem() != null) {
            throw new IllegalArgumentException(c.problem());
        }
        return new CohortPattern(c.pattern());
    }

    /** Why {@code regex} cannot be a cohort pattern, or null if it can. */
    public static String problemWith(String regex) {
        return compileChecked(regex).problem();
    }

    /** Whether the whole {@code value} matches; a missing or over-long value never does. */
    public boolean matches(String value) {
        return value != null && value.length() <= MAX_VALUE_LENGTH && pattern.matches(value);
    }

    /** RE2 instructions: a request's matching cost is about this times the value's length. */
    public int programSize() {
        return pattern.programSize();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /** Exactly one of a pattern within the limits and the reason there is none. */
    private record Compiled(Pattern pattern, String problem) {
        static Compiled refused(String problem) {
            return new Compiled(null, problem);
        }
    }

    private static Compiled compileChecked(String regex) {
        if (regex == null) {
            return Compiled.refused("a regular expression is required");
        }
        if (regex.length() > MAX_PATTERN_LENGTH) {
            return Compiled.refused("an RE2 regular expression of at most " + MAX_PATTERN_LENGTH
                    + " characters, not " + regex.length());
        }
        RegexShape shape = RegexShape.of(regex);
        if (shape.nesting() > MAX_NESTING) {
            return Compiled.refused("groups nest " + shape.nesting() + " deep; at most " + MAX_NESTING
                    + " for RE2 here");
        }
        if (shape.expandedSize() > MAX_EXPANDED_SIZE) {
            return Compiled.refused("too large for RE2: its repeats expand it to over " + MAX_EXPANDED_SIZE
                    + " parts, where a pattern compiles to at most " + MAX_PROGRAM_SIZE + " instructions" + REPEATS);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // RE2/J names the offending part, e.g. "invalid escape sequence" and "\1"
            return Compiled.refused("not an RE2 regular expression (RE2 has no backreferences or lookaround): "
                    + e.getDescription() + ": `" + ValueDescriptions.shortened(e.getPattern()) + "`");
        }
        if (compiled.programSize() > MAX_PROGRAM_SIZE) {
            return Compiled.refused("too large for RE2: it compiles to " + compiled.programSize()
                    + " instructions, at most " + MAX_PROGRAM_SIZE + REPEATS);
        }
        return new Compiled(compiled, null);
    }
}
