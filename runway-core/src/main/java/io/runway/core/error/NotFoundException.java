package io.runway.core.error;

/** The named lease, pool or resource does not exist. */
public class NotFoundException extends RunwayException {
    public NotFoundException(String field, String message) {
        super("not_found", field, message);
    }
}
