package io.runway.core.judge;

import java.time.Duration;

/**
 * Parameters of a {@link SequentialJudge}.
 *
 * @param falseRollbackRate α: the chance of rolling back a canary whose error rate is within the allowed
 *     ratio of the baseline's, over the whole step however often it is measured (default 1%)
 * @param missedRegressionRate β: the chance that the early PROMOTE fires for a canary at or above the
 *     allowed ratio (default 5%); it does not cover the PROMOTE at {@code maximumCanaryRequests}
 * @param allowedIncrease r: the canary's error rate may be up to r times the baseline's (default 1.25,
 *     i.e. 25% more errors); a larger r protects more canaries from rollback but detects regressions
 *     later, because the evidence must show a ratio above r, not just above 1
 * @param minimumCanaryRequests below this, no PROMOTE (WAIT instead): guards against passing a version
 *     that gets no traffic. A ROLLBACK does not wait for it: the evidence is valid at any sample size
 * @param minimumBaselineRequests below this, no PROMOTE (WAIT instead)
 * @param maximumCanaryRequests once reached without a rollback, PROMOTE; it sets the power (see
 *     {@link SequentialJudge})
 * @param interval how often the caller measures (default 10 s; the test is valid for any schedule)
 * @param timeLimit reached before a decision: INCONCLUSIVE (too little traffic to judge either way)
 */
public record SequentialOptions(
        double falseRollbackRate,
        double missedRegressionRate,
        double allowedIncrease,
        long minimumCanaryRequests,
        long minimumBaselineRequests,
        long maximumCanaryRequests,
        Duration interval,
        Duration timeLimit) {

    public static final SequentialOptions DEFAULT = new SequentialOptions(
            0.01, 0.05, 1.25, 50, 50, 2000, Duration.ofSeconds(10), Duration.ofMinutes(30));

    public SequentialOptions {
        if (!(falseRollbackRate > 0 && falseRollbackRate < 0.5) || !(missedRegressionRate > 0 && missedRegressionRate < 0.5)) {
            throw new IllegalArgumentException("falseRollbackRate and missedRegressionRate must be in (0, 0.5)");
        }
        if (!(allowedIncrease >= 1)) {
            throw new IllegalArgumentException("allowedIncrease is a ratio >= 1 (1.25 = 25% more errors)");
        }
        if (minimumCanaryRequests < 1 || minimumBaselineRequests < 1 || maximumCanaryRequests < minimumCanaryRequests) {
            throw new IllegalArgumentException("need 1 <= minimumCanaryRequests <= maximumCanaryRequests, minimumBaselineRequests >= 1");
        }
        if (interval.isNegative() || interval.isZero() || timeLimit.compareTo(interval) < 0) {
            throw new IllegalArgumentException("need 0 < interval <= timeLimit");
        }
    }

    public SequentialOptions withFalseRollbackRate(double alpha) {
        return new SequentialOptions(alpha, missedRegressionRate, allowedIncrease, minimumCanaryRequests,
                minimumBaselineRequests, maximumCanaryRequests, interval, timeLimit);
    }

    public SequentialOptions withAllowedIncrease(double ratio) {
        return new SequentialOptions(falseRollbackRate, missedRegressionRate, ratio, minimumCanaryRequests,
                minimumBaselineRequests, maximumCanaryRequests, interval, timeLimit);
    }

    public SequentialOptions withMinimumRequests(long canary, long baseline) {
        return new SequentialOptions(falseRollbackRate, missedRegressionRate, allowedIncrease, canary, baseline,
                maximumCanaryRequests, interval, timeLimit);
    }

    public SequentialOptions withMaximumCanaryRequests(long requests) {
        return new SequentialOptions(falseRollbackRate, missedRegressionRate, allowedIncrease, minimumCanaryRequests,
                minimumBaselineRequests, requests, interval, timeLimit);
    }

    public SequentialOptions withTimeLimit(Duration limit) {
        return new SequentialOptions(falseRollbackRate, missedRegressionRate, allowedIncrease, minimumCanaryRequests,
                minimumBaselineRequests, maximumCanaryRequests, interval, limit);
    }

    /** The measurement interval, and a time limit of at least one interval. */
    public SequentialOptions withInterval(Duration every) {
        return new SequentialOptions(falseRollbackRate, missedRegressionRate, allowedIncrease, minimumCanaryRequests,
                minimumBaselineRequests, maximumCanaryRequests, every, timeLimit.compareTo(every) < 0 ? every : timeLimit);
    }
}
