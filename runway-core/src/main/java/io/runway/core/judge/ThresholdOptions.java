package io.runway.core.judge;

import java.time.Duration;

/**
 * Limits of a {@link ThresholdJudge}, in Argo Rollouts / Flagger terms.
 *
 * @param maxErrorRate a check fails when the canary's error rate over the interval exceeds it (0.01 = 1%)
 * @param latencyPercentile which percentile {@code maxLatencyMillis} limits
 * @param maxLatencyMillis a check fails above it; NaN turns the latency check off
 * @param failureLimit failed checks tolerated; one more rolls back (Argo default 0: the first failure)
 * @param consecutiveErrorLimit failed measurements in a row tolerated; one more rolls back (Argo default 4)
 * @param minimumSampleSize canary requests an interval needs to be a check at all; fewer is "no data"
 * @param requiredChecks passed checks after which the step is promoted
 * @param interval how often the caller measures (the judge does not enforce it)
 * @param timeLimit when the gate gives up: INCONCLUSIVE unless already decided
 */
public record ThresholdOptions(
        double maxErrorRate,
        Percentile latencyPercentile,
        double maxLatencyMillis,
        int failureLimit,
        int consecutiveErrorLimit,
        long minimumSampleSize,
        int requiredChecks,
        Duration interval,
        Duration timeLimit) {

    /** Argo-like defaults: 1% errors, no latency limit, failureLimit 0, consecutiveErrorLimit 4, 5 checks of 60 s. */
    public static final ThresholdOptions DEFAULT = new ThresholdOptions(
            0.01, Percentile.P99, Double.NaN, 0, 4, 100, 5, Duration.ofSeconds(60), Duration.ofMinutes(10));

    public ThresholdOptions {
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new IllegalArgumentException("maxErrorRate must be in [0, 1]");
        }
        if (failureLimit < 0 || consecutiveErrorLimit < 0 || minimumSampleSize < 1 || requiredChecks < 1) {
            throw new IllegalArgumentException(
                    "need failureLimit >= 0, consecutiveErrorLimit >= 0, minimumSampleSize >= 1, requiredChecks >= 1");
        }
        if (interval.isNegative() || interval.isZero() || timeLimit.compareTo(interval) < 0) {
            throw new IllegalArgumentException("need 0 < interval <= timeLimit");
        }
    }

    /**
     * Flagger's analysis defaults for one canary step: checks every 60 s on request-success-rate >= 99%
     * and request-duration p99 <= 500 ms, threshold 1 (the first failed check rolls back), and the
     * weight advances after one passed check. Flagger halts on "no values found" (zero requests).
     */
    public static ThresholdOptions flaggerDefaults() {
        return new ThresholdOptions(
                0.01, Percentile.P99, 500, 0, 4, 1, 1, Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    public boolean checksLatency() {
        return !Double.isNaN(maxLatencyMillis);
    }

    public ThresholdOptions withMaxErrorRate(double rate) {
        return new ThresholdOptions(rate, latencyPercentile, maxLatencyMillis, failureLimit, consecutiveErrorLimit,
                minimumSampleSize, requiredChecks, interval, timeLimit);
    }

    public ThresholdOptions withMaxLatency(Percentile percentile, double millis) {
        return new ThresholdOptions(maxErrorRate, percentile, millis, failureLimit, consecutiveErrorLimit,
                minimumSampleSize, requiredChecks, interval, timeLimit);
    }

    public ThresholdOptions withFailureLimit(int limit) {
        return new ThresholdOptions(maxErrorRate, latencyPercentile, maxLatencyMillis, limit, consecutiveErrorLimit,
                minimumSampleSize, requiredChecks, interval, timeLimit);
    }

    public ThresholdOptions withConsecutiveErrorLimit(int limit) {
        return new ThresholdOptions(maxErrorRate, latencyPercentile, maxLatencyMillis, failureLimit, limit,
                minimumSampleSize, requiredChecks, interval, timeLimit);
    }

    public ThresholdOptions withMinimumSampleSize(long requests) {
        return new ThresholdOptions(maxErrorRate, latencyPercentile, maxLatencyMillis, failureLimit,
                consecutiveErrorLimit, requests, requiredChecks, interval, timeLimit);
    }

    public ThresholdOptions withRequiredChecks(int checks) {
        return new ThresholdOptions(maxErrorRate, latencyPercentile, maxLatencyMillis, failureLimit,
                consecutiveErrorLimit, minimumSampleSize, checks, interval, timeLimit);
    }

    /** The measurement interval, and a time limit of at least one interval. */
    public ThresholdOptions withInterval(Duration every) {
        return new ThresholdOptions(maxErrorRate, latencyPercentile, maxLatencyMillis, failureLimit,
                consecutiveErrorLimit, minimumSampleSize, requiredChecks, every, timeLimit.compareTo(every) < 0 ? every : timeLimit);
    }

    public ThresholdOptions withTimeLimit(Duration limit) {
        return new ThresholdOptions(maxErrorRate, latencyPercentile, maxLatencyMillis, failureLimit,
                consecutiveErrorLimit, minimumSampleSize, requiredChecks, interval, limit);
    }
}
