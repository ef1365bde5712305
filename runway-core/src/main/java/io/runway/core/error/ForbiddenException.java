package io.runway.core.error;

/** The caller's lease token (or admin token) does not authorize the call; nothing was changed. */
public class ForbiddenException extends RunwayException {
    public ForbiddenException(String message) {
        super("forbidden", null, message);
    }
}
