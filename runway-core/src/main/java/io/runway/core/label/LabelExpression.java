package io.runway.core.label;

import java.util.Set;

/**
 * A Jenkins-style boolean expression over a resource's labels, e.g. {@code linux && (gpu || fpga) && !arm}.
 * Operators, loosest first: {@code <->}, {@code ->}, {@code ||}, {@code &&}, {@code !}; parentheses group;
 * labels are bare words or double-quoted strings. Immutable and thread-safe.
 */
public interface LabelExpression {

    boolean matches(Set<String> labels);

    /**
     * Labels that every matching label set must contain. The engine uses them to narrow its search to the
     * resources indexed under one label instead of scanning the pool.
     */
    Set<String> requiredLabels();

    /** Canonical text that parses back to an equivalent expression. */
    String toString();

    /** The expression that matches everything; what an absent capability means. */
    static LabelExpression any() {
        return LabelExpressionParser.ANY;
    }

    /**
     * @param field the request or spec field path, named in errors
     * @throws LabelExpressionException pointing at the column of the problem
     */
    static LabelExpression parse(String text, String field) {
        return new LabelExpressionParser(text, field).parse();
    }
}
