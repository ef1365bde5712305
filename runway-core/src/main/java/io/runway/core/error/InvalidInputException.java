package io.runway.core.error;

/** A request or value is malformed; nothing was changed. */
public class InvalidInputException extends RunwayException {
    public InvalidInputException(String field, String message) {
        super("invalid_input", field, message);
    }
}
