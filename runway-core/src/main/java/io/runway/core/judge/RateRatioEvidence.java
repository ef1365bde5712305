package io.runway.core.judge;

import java.util.Arrays;

/**
 * The evidence, as mixture likelihood ratios, about the ratio ρ = canary error rate / baseline error rate
 * relative to the allowed ratio r. Immutable: {@link #plus} returns new evidence.
 *
 * <p>Model: errors are rare events (Poisson), so given an interval's request counts n_c, n_b and its total
 * errors E, the canary's share of the errors is Binomial(E, q(ρ)) with q(ρ) = ρ·n_c / (ρ·n_c + n_b). This
 * conditioning removes the unknown baseline rate, so the test is exact for any baseline rate and any
 * number of errors (no normal approximation, which fails on the few errors a 1% canary sees). For a fixed
 * alternative ρ, the per-interval log likelihood ratio against r is
 * {@code e_c·log(ρ/r) + E·log((r·n_c + n_b)/(ρ·n_c + n_b))}.
 *
 * <p>Each alternative's likelihood ratio is a supermartingale whenever the true ratio is on the other side
 * of r, so their average over a fixed grid is one too, and Ville's inequality bounds the chance that it
 * ever reaches 1/α by α, however often it is looked at. The rollback side mixes ρ log-uniformly over
 * (r, 32r], the promote side over [r/32, r).
 */
public final class RateRatioEvidence {
    private static final int POINTS = 48;
    private static final double SPAN = 32;

    private final double allowedRatio;
    private final double[] above;
    private final double[] below;

    private RateRatioEvidence(double allowedRatio, double[] above, double[] below) {
        this.allowedRatio = allowedRatio;
        this.above = above;
        this.below = below;
    }

    static RateRatioEvidence none(double allowedRatio) {
        return new RateRatioEvidence(allowedRatio, new double[POINTS], new double[POINTS]);
    }

    /** Adds one interval's counts (not cumulative ones). Intervals where a version had no requests carry no information. */
    RateRatioEvidence plus(long canaryRequests, long canaryErrors, long baselineRequests, long baselineErrors) {
        long totalErrors = canaryErrors + baselineErrors;
        if (canaryRequests == 0 || baselineRequests == 0 || totalErrors == 0) {
            return this;
        }
        double[] newAbove = Arrays.copyOf(above, POINTS);
        double[] newBelow = Arrays.copyOf(below, POINTS);
        double atAllowed = Math.log(allowedRatio * canaryRequests + baselineRequests);
        for (int i = 0; i < POINTS; i++) {
            double step = Math.pow(SPAN, (i + 1.0) / POINTS);
            newAbove[i] += logRatio(step, canaryRequests, canaryErrors, baselineRequests, totalErrors, atAllowed);
            newBelow[i] += logRatio(1 / step, canaryRequests, canaryErrors, baselineRequests, totalErrors, atAllowed);
        }
        return new RateRatioEvidence(allowedRatio, newAbove, newBelow);
    }

    private double logRatio(double factor, long nc, long ec, long nb, long errors, double atAllowed) {
        double rho = allowedRatio * factor;
        return ec * Math.log(factor) + errors * (atAllowed - Math.log(rho * nc + nb));
    }

    /** Always-valid p-value for "the canary's ratio is at most the allowed one" (small: roll back). */
    double rollbackPValue() {
        return pValue(above);
    }

    /** Always-valid p-value for "the canary's ratio is at least the allowed one" (small: promote early). */
    double promotePValue() {
        return pValue(below);
    }

    private static double pValue(double[] logRatios) {
        double max = Arrays.stream(logRatios).max().orElse(0);
        double sum = 0;
        for (double value : logRatios) {
            sum += Math.exp(value - max);
        }
        double logMixture = max + Math.log(sum / POINTS);
        return Math.min(1, Math.exp(-logMixture));
    }
}
