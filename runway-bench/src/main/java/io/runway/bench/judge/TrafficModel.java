package io.runway.bench.judge;

import java.util.SplittableRandom;

/**
 * Seeded traffic of one rollout step: per tick, how many requests the router sent to the canary (each
 * request independently with the canary's share) and how many of each version's requests failed; with a
 * {@code mirrorShare}, also how many of the baseline's requests were copied to the canary and how many of
 * those copies it failed.
 */
record TrafficModel(long requestsPerTick, double canaryShare, double canaryErrorRate, double baselineErrorRate,
                    double mirrorShare) {

    static final int CANARY = 0;
    static final int CANARY_ERRORS = 1;
    static final int BASELINE = 2;
    static final int BASELINE_ERRORS = 3;
    static final int MIRRORED = 4;
    static final int MIRRORED_ERRORS = 5;

    /** Traffic without mirroring. */
    TrafficModel(long requestsPerTick, double canaryShare, double canaryErrorRate, double baselineErrorRate) {
        this(requestsPerTick, canaryShare, canaryErrorRate, baselineErrorRate, 0);
    }

    /**
     * Per-tick counts, indexed by {@link #CANARY} to {@link #MIRRORED_ERRORS}. Without mirroring the random
     * stream is the same as before mirrors existed (a draw with probability 0 takes no random number), so
     * the seeded tables did not move.
     */
    long[][] generate(long seed, int ticks) {
        SplittableRandom random = new SplittableRandom(seed);
        long[][] counts = new long[ticks][];
        for (int t = 0; t < ticks; t++) {
            long canary = binomial(random, requestsPerTick, canaryShare);
            long baseline = requestsPerTick - canary;
            long canaryErrors = binomial(random, canary, canaryErrorRate);
            long baselineErrors = binomial(random, baseline, baselineErrorRate);
            long mirrored = binomial(random, baseline, mirrorShare);
            counts[t] = new long[] {canary, canaryErrors, baseline, baselineErrors, mirrored,
                    binomial(random, mirrored, canaryErrorRate)};
        }
        return counts;
    }

    /** Exact inversion for small means (the error counts that matter); a normal draw for large ones. */
    static long binomial(SplittableRandom random, long n, double p) {
        double mean = n * p;
        if (n == 0 || p == 0) {
            return 0;
        }
        if (mean > 40 && n * p * (1 - p) > 40) {
            double u = 1 - random.nextDouble();
            double z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
            return Math.max(0, Math.min(n, Math.round(mean + z * Math.sqrt(mean * (1 - p)))));
        }
        if (p > 0.5) {
            return n - binomial(random, n, 1 - p);
        }
        double u = random.nextDouble();
        double pmf = Math.pow(1 - p, n);
        double cdf = pmf;
        long k = 0;
        while (u > cdf && k < n) {
            pmf *= (double) (n - k) / (k + 1) * p / (1 - p);
            cdf += pmf;
            k++;
        }
        return k;
    }
}
