package io.runway.core.judge;

import java.time.Duration;

/**
 * Parameters of a {@link MannWhitneyJudge}, named after Kayenta's NetflixACAJudge.
 *
 * @param confidenceLevel Kayenta's default 0.98: a difference counts when the two-sided p-value is below 0.02
 * @param allowedIncrease the canary's mean per-interval error rate may be this many times the baseline's
 *     (Kayenta's meanRatio effect size; default 1.0 = any significant increase fails)
 * @param minimumIntervals per-interval samples each version needs before the test runs
 * @param interval the length of one sample (Kayenta's metric step; default 60 s)
 * @param lifetime the analysis length: PROMOTE when it ends without a failed look; INCONCLUSIVE when the
 *     data never sufficed
 */
public record MannWhitneyOptions(
        double confidenceLevel, double allowedIncrease, int minimumIntervals, Duration interval, Duration lifetime) {

    /** Kayenta-like: 98% confidence, any increase, 60 s samples, 10 minutes of analysis. */
    public static final MannWhitneyOptions DEFAULT =
            new MannWhitneyOptions(0.98, 1.0, 3, Duration.ofSeconds(60), Duration.ofMinutes(10));

    public MannWhitneyOptions {
        if (!(confidenceLevel > 0.5 && confidenceLevel < 1) || !(allowedIncrease >= 1) || minimumIntervals < 2) {
            throw new IllegalArgumentException("need 0.5 < confidenceLevel < 1, allowedIncrease >= 1, minimumIntervals >= 2");
        }
        if (interval.isNegative() || interval.isZero() || lifetime.compareTo(interval) < 0) {
            throw new IllegalArgumentException("need 0 < interval <= lifetime");
        }
    }
}
