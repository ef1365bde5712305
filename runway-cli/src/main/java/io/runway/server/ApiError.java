package io.runway.server;

import io.runway.core.error.RunwayException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An error response: HTTP status plus the body {@code {"error","field","message"}} of the REST API.
 * Unexpected failures become {@code internal} with a short message and never a stack trace.
 */
public record ApiError(int status, String error, String field, String message) {

    public static ApiError badRequest(String field, String message) {
        return new ApiError(400, "invalid_input", field, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", null, message);
    }

    /** Maps an engine or request failure to its status; see the error table of docs/leases.md ("REST API v1"). */
    public static ApiError from(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api.error();
        }
        if (t instanceof RunwayException e) {
            // Every conflict is a 409 whatever its code (rollout_in_progress, version_conflict, ...).
            int status = e instanceof io.runway.core.error.ConflictException ? 409 : statusOf(e.code());
            return new ApiError(status, e.code(), e.field(), e.getMessage());
        }
        if (t instanceof CancellationException) {
            return new ApiError(503, "unavailable", null, "the request was cancelled");
        }
        return new ApiError(500, "internal", null, "internal error (" + t.getClass().getSimpleName() + ")");
    }

    static int statusOf(String code) {
        return switch (code) {
            case "invalid_input" -> 400;
            case "forbidden" -> 403;
            case "not_found" -> 404;
            case "not_granted", "lease_not_active", "conflict" -> 409;
            case "quota_exceeded" -> 429;
            case "unavailable" -> 503;
            default -> 500;
        };
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Thrown while handling a request to answer with a ready-made error. */
    public static final class ApiException extends RuntimeException {
        private final transient ApiError error;

        public ApiException(ApiError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }

    public ApiException toException() {
        return new ApiException(this);
    }
}
