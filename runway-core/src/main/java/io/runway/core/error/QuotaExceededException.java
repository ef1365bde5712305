package io.runway.core.error;

/** Granting would take an owner past its per-pool quota. */
public class QuotaExceededException extends RunwayException {
    public QuotaExceededException(String field, String message) {
        super("quota_exceeded", field, message);
    }
}
