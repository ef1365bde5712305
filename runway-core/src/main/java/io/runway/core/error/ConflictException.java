package io.runway.core.error;

/**
 * The call conflicts with the current state (a lease that is no longer active, a store write whose
 * expected version is stale, a safety rail). Nothing was changed.
 */
public class ConflictException extends RunwayException {
    public ConflictException(String code, String message) {
        super(code, null, message);
    }

    public ConflictException(String message) {
        this("conflict", message);
    }
}
