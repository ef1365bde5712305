package io.runway.core.error;

/** A lease request was not granted before its wait bound elapsed (or was cancelled). */
public class NotGrantedException extends RunwayException {
    public NotGrantedException(String message) {
        super("not_granted", null, message, true, null);
    }
}
