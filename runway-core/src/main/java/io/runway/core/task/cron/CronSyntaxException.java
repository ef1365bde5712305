package io.runway.core.task.cron;

import io.runway.core.error.InvalidInputException;

/**
 * Cron text that does not parse or names a bad time zone. {@link #line()} and {@link #column()} are
 * 1-based within the cron text, so a spec reader can point at the exact character.
 */
public final class CronSyntaxException extends InvalidInputException {
    private final int line;
    private final int column;
    private final String problem;

    public CronSyntaxException(String field, int line, int column, String problem) {
        super(field, "line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The problem without its position. */
    public String problem() {
        return problem;
    }
}
