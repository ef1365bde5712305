package io.runway.core.placement;

import io.runway.core.error.InvalidInputException;

/** An attribute constraint that does not parse; {@link #column()} is 1-based within the constraint text. */
public final class ConstraintException extends InvalidInputException {
    private final int column;

    public ConstraintException(String field, String text, int column, String problem) {
        super(field, problem + " at column " + column + " of '" + text + "'");
        this.column = column;
    }

    public int column() {
        return column;
    }
}
