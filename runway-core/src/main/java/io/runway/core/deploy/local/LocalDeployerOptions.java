package io.runway.core.deploy.local;

import io.runway.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * @param logDirectory each deployment's stdout and stderr go to {@code <id>.log} here; logs are kept after
 *     teardown so a failed version can still be inspected
 * @param stopGrace how long a process tree has between SIGTERM and SIGKILL
 * @param logTailLines how many last log lines a deployment failure quotes
 */
public record LocalDeployerOptions(Path logDirectory, Duration stopGrace, int logTailLines) {
    public LocalDeployerOptions {
        Objects.requireNonNull(logDirectory, "logDirectory");
        if (stopGrace == null || stopGrace.isNegative() || stopGrace.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidInputException("stopGrace", "must be between 0s and 10m");
        }
        if (logTailLines < 0 || logTailLines > 1000) {
            throw new InvalidInputException("logTailLines", "must be between 0 and 1000");
        }
    }

    /** 10 seconds of grace, 20 lines of log in failures. */
    public static LocalDeployerOptions defaults(Path logDirectory) {
        return new LocalDeployerOptions(logDirectory, Duration.ofSeconds(10), 20);
    }

    public LocalDeployerOptions withStopGrace(Duration grace) {
        return new LocalDeployerOptions(logDirectory, grace, logTailLines);
    }
}
