package io.runway.core.error;

/**
 * The one unchecked base of every error the engine raises. Each error has a stable machine code (used
 * in the REST API's {@code "error"} field and mapped to exit codes by the command line) and says
 * whether retrying the same call may succeed.
 */
public class RunwayException extends RuntimeException {
    private final String code;
    private final String field;
    private final boolean retryable;

    public RunwayException(String code, String field, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = field;
        this.retryable = retryable;
    }

    public RunwayException(String code, String field, String message) {
        this(code, field, message, false, null);
    }

    /** Stable machine-readable code, e.g. {@code not_granted}. */
    public String code() {
        return code;
    }

    /** The request field this error is about (a dotted path), or null. */
    public String field() {
        return field;
    }

    public boolean retryable() {
        return retryable;
    }
}
