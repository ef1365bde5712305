package io.runway.core.judge;

import java.time.Duration;

/**
 * One reading of the metrics for a rollout step. Time comes in as {@code elapsed} since the step started,
 * so judges never read a clock.
 *
 * @param canary cumulative since the step started; {@link VersionSample#EMPTY} when the reading failed
 * @param baseline cumulative since the step started; {@link VersionSample#EMPTY} when the reading failed
 * @param error why the metrics could not be read, or null when they were
 */
public record Measurement(Duration elapsed, VersionSample canary, VersionSample baseline, String error) {

    public Measurement {
        if (elapsed == null || elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must be >= 0");
        }
        if (canary == null || baseline == null) {
            throw new IllegalArgumentException("samples are required; use VersionSample.EMPTY");
        }
    }

    public static Measurement of(Duration elapsed, VersionSample canary, VersionSample baseline) {
        return new Measurement(elapsed, canary, baseline, null);
    }

    /** A reading that failed (metrics source down, query error); it counts toward error limits. */
    public static Measurement failed(Duration elapsed, String error) {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("a failed measurement needs an error message");
        }
        return new Measurement(elapsed, VersionSample.EMPTY, VersionSample.EMPTY, error);
    }

    public boolean isFailed() {
        return error != null;
    }
}
