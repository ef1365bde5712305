package io.runway.core.deploy;

import io.runway.core.error.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * An HTTP GET against the deployment's own endpoint; any 2xx answer means ready.
 *
 * @param path absolute path, e.g. {@code /health}; no scheme, host, spaces or control characters
 * @param interval pause between attempts
 * @param timeout how long one attempt may take
 */
public record ReadinessProbe(String path, Duration interval, Duration timeout) {
    private static final Duration SHORTEST = Duration.ofMillis(10);

    public ReadinessProbe {
        if (path == null || !path.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,1023}")) {
            throw new InvalidInputException("readiness.path",
                    "must be an absolute path such as /health (at most 1024 URL characters, no spaces)");
        }
        interval = bounded(interval, Duration.ofMinutes(1), "readiness.interval");
        timeout = bounded(timeout, Duration.ofMinutes(5), "readiness.timeout");
    }

    /** GET /health every 200ms, each attempt at most 1s. */
    public static ReadinessProbe http(String path) {
        return new ReadinessProbe(path, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    static Duration bounded(Duration d, Duration longest, String field) {
        Objects.requireNonNull(d, field);
        if (d.compareTo(SHORTEST) < 0 || d.compareTo(longest) > 0) {
            throw new InvalidInputException(field, "must be between 10ms and " + longest.toSeconds() + "s, was " + d);
        }
        return d;
    }
}
