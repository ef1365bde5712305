package io.runway.core.traffic.embedded;

import io.runway.core.error.InvalidInputException;
import java.time.Duration;

/**
 * Sizing and timeouts of the embedded router.
 *
 * @param maxThreads      threads of the upstream client and of request work. The proxy is asynchronous, so
 *                        threads do not wait on backends; the client holds one selector thread, the rest run
 *                        request work. Each listener adds its own selector thread on top. Default 8.
 * @param connectTimeout  how long to wait for a backend connection; past it the request fails with 502
 * @param requestTimeout  the whole upstream exchange; past it the request fails with 504
 * @param idleTimeout     idle connections, client and upstream, are closed after this
 * @param maxConnectionsPerBackend upstream connection pool size per backend
 */
public record EmbeddedRouterOptions(
        int maxThreads,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConnectionsPerBackend) {

    public static final EmbeddedRouterOptions DEFAULT = new EmbeddedRouterOptions(
            8, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30), 64);

    public EmbeddedRouterOptions {
        if (maxThreads < 4) {
            throw new InvalidInputException("maxThreads", "maxThreads must be at least 4 (one client"
                    + " selector and at least three workers), got " + maxThreads);
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (maxConnectionsPerBackend < 1) {
            throw new InvalidInputException("maxConnectionsPerBackend", "must be at least 1");
        }
    }

    public EmbeddedRouterOptions withMaxThreads(int n) {
        return new EmbeddedRouterOptions(n, connectTimeout, requestTimeout, idleTimeout, maxConnectionsPerBackend);
    }

    public EmbeddedRouterOptions withRequestTimeout(Duration d) {
        return new EmbeddedRouterOptions(maxThreads, connectTimeout, d, idleTimeout, maxConnectionsPerBackend);
    }

    private static void requirePositive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidInputException(field, field + " must be a positive duration, got " + d);
        }
    }
}
