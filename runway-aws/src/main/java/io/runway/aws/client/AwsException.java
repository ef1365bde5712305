package io.runway.aws.client;

import io.runway.core.error.RunwayException;

/**
 * AWS refused or failed a call in a way that has no closer runway error: the message names the operation
 * and the resource; {@link #retryable()} says whether asking again later may work (throttling, a 5xx, a
 * network failure — already retried by the SDK's backoff before this is thrown).
 */
public class AwsException extends RunwayException {
    private final String operation;
    private final String awsErrorCode;

    public AwsException(String code, String operation, String resource, String awsErrorCode, String message,
                        boolean retryable, Throwable cause) {
        super(code, null, operation + " on " + resource + " failed: " + message, retryable, cause);
        this.operation = operation;
        this.awsErrorCode = awsErrorCode;
    }

    /** The AWS operation, e.g. {@code RunInstances}. */
    public String operation() {
        return operation;
    }

    /** The AWS error code, e.g. {@code Throttling}, or null for a failure without an answer. */
    public String awsErrorCode() {
        return awsErrorCode;
    }
}
