package io.runway.core.label;

import io.runway.core.error.InvalidInputException;

/** A label expression that does not parse; {@link #column()} is 1-based within the expression. */
public final class LabelExpressionException extends InvalidInputException {
    private final int column;

    public LabelExpressionException(String field, String expression, int column, String problem) {
        super(field, problem + " at column " + column + " of '" + expression + "'");
        this.column = column;
    }

    public int column() {
        return column;
    }
}
