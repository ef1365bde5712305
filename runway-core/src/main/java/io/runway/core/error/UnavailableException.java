package io.runway.core.error;

/** The engine or its store cannot take the call now (closing, store failed). Retrying later may work. */
public class UnavailableException extends RunwayException {
    public UnavailableException(String message, Throwable cause) {
        super("unavailable", null, message, true, cause);
    }
}
