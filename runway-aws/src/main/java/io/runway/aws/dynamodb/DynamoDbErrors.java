package io.runway.aws.dynamodb;

import io.runway.core.error.ForbiddenException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import io.runway.core.error.UnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Turns SDK errors into Runway errors that name the operation and the table (and item, when known). By
 * the time one gets here the SDK has already retried what it retries (throttling, 5xx, I/O) with backoff.
 */
final class DynamoDbErrors {
    private DynamoDbErrors() {}

    static RunwayException translate(String operation, String table, String what, Throwable error) {
        if (error instanceof RunwayException runway) {
            return runway;
        }
        String where = "DynamoDB " + operation + " on table " + table + (what == null ? "" : " (" + what + ")");
        if (error instanceof ResourceNotFoundException) {
            return new NotFoundException("table", where + ": the table does not exist: " + error.getMessage());
        }
        if (error instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            String detail = aws.awsErrorDetails() == null ? aws.getMessage() : aws.awsErrorDetails().errorMessage();
            String message = where + " failed: " + code + ": " + detail;
            if (aws.statusCode() == 403 || "AccessDeniedException".equals(code)
                    || "UnrecognizedClientException".equals(code)) {
                return new ForbiddenException(message);
            }
            if (aws.isThrottlingException() || aws.statusCode() >= 500) {
                return new UnavailableException(message + " (retries exhausted)", aws);
            }
            return new RunwayException("aws_error", null, message, false, aws);
        }
        if (error instanceof SdkClientException) {
            return new UnavailableException(where + " could not reach DynamoDB: " + error.getMessage(), error);
        }
        return new UnavailableException(where + " failed: " + error, error);
    }
}
