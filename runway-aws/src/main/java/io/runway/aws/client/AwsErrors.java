package io.runway.aws.client;

import io.runway.core.error.ConflictException;
import io.runway.core.error.ForbiddenException;
import io.runway.core.error.InvalidInputException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates AWS SDK failures into runway errors at the provider boundary, naming the operation and the
 * resource. Retries already happened inside the SDK (standard retry strategy); what arrives here is
 * final for this call, and {@link RunwayException#retryable()} tells a caller whether a later attempt
 * (the next tick, the next sweep) may succeed.
 */
public final class AwsErrors {
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation",
            "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException");
    private static final Set<String> CONFLICT = Set.of("ResourceInUse", "DuplicateTargetGroupName", "DuplicateListener",
            "PriorityInUse", "IncorrectInstanceState", "IncorrectState", "DuplicateLoadBalancerName",
            "TooManyTargetGroups", "TooManyListeners", "TooManyRules", "TooManyTargets", "InstanceLimitExceeded",
            "VcpuLimitExceeded", "MaxSpotInstanceCountExceeded", "InsufficientInstanceCapacity");

    private AwsErrors() {}

    /** Runs one AWS call, translating what it throws. */
    public static <T> T call(String operation, String resource, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, resource, e);
        }
    }

    public static void run(String operation, String resource, Runnable call) {
        call(operation, resource, () -> {
            call.run();
            return null;
        });
    }

    public static RunwayException translate(String operation, String resource, SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            String text = (code == null ? "" : code + ": ") + detail(s) + requestId(s);
            int status = s.statusCode();
            if (s.isThrottlingException() || status >= 500 || "RequestLimitExceeded".equals(code)) {
                return new AwsException("aws_unavailable", operation, resource, code, text, true, e);
            }
            if (code != null && DENIED.contains(code) || status == 403) {
                ForbiddenException f = new ForbiddenException(operation + " on " + resource + " was denied: " + text
                        + " (see the IAM policy in docs/aws.md)");
                f.addSuppressed(e);
                return f;
            }
            if (code != null && (code.contains("NotFound") || code.endsWith(".Malformed") && status == 404)
                    || status == 404) {
                NotFoundException n = new NotFoundException("resource", operation + " on " + resource
                        + ": not found: " + text);
                n.addSuppressed(e);
                return n;
            }
            if (code != null && CONFLICT.contains(code)) {
                ConflictException c = new ConflictException("aws_conflict", operation + " on " + resource
                        + " conflicts with the current state: " + text);
                c.addSuppressed(e);
                return c;
            }
            if (code != null && (code.startsWith("InvalidParameter") || code.equals("ValidationError")
                    || code.equals("MissingParameter"))) {
                InvalidInputException i = new InvalidInputException("aws", operation + " on " + resource
                        + " was refused as invalid: " + text);
                i.addSuppressed(e);
                return i;
            }
            return new AwsException("aws_rejected", operation, resource, code, text, false, e);
        }
        if (e instanceof SdkClientException) {
            return new AwsException("aws_unreachable", operation, resource, null,
                    "no answer from AWS: " + e.getMessage(), true, e);
        }
        return new AwsException("aws_error", operation, resource, null, String.valueOf(e.getMessage()), false, e);
    }

    private static String detail(AwsServiceException s) {
        return s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
                ? s.awsErrorDetails().errorMessage() : String.valueOf(s.getMessage());
    }

    private static String requestId(AwsServiceException s) {
        return s.requestId() == null || s.requestId().isEmpty() ? "" : " (request id " + s.requestId() + ")";
    }
}
