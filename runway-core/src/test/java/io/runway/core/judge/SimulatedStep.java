package io.runway.core.judge;

import java.time.Duration;
import java.util.SplittableRandom;

/** Seeded canary/baseline traffic for statistical tests: cumulative counts, one measurement per interval. */
final class SimulatedStep {
    private final SplittableRandom random;
    private final long requestsPerInterval;
    private final double canaryShare;
    private final double canaryErrorRate;
    private final double baselineErrorRate;

    SimulatedStep(long seed, long requestsPerInterval, double canaryShare, double canaryErrorRate, double baselineErrorRate) {
        this.random = new SplittableRandom(seed);
        this.requestsPerInterval = requestsPerInterval;
        this.canaryShare = canaryShare;
        this.canaryErrorRate = canaryErrorRate;
        this.baselineErrorRate = baselineErrorRate;
    }

    /** Runs the judge at 10 s intervals until a terminal verdict, at most {@code maxIntervals}. */
    <S> Judgement run(Judge<S> judge, int maxIntervals) {
        return run(judge, maxIntervals, Duration.ofSeconds(10));
    }

    /** Runs the judge every {@code interval} until a terminal verdict, at most {@code maxIntervals}. */
    <S> Judgement run(Judge<S> judge, int maxIntervals, Duration interval) {
        S state = judge.start();
        long canaryRequests = 0;
        long canaryErrors = 0;
        long baselineRequests = 0;
        long baselineErrors = 0;
        Judgement last = null;
        for (int i = 1; i <= maxIntervals; i++) {
            long canary = binomial(requestsPerInterval, canaryShare);
            canaryRequests += canary;
            canaryErrors += binomial(canary, canaryErrorRate);
            baselineRequests += requestsPerInterval - canary;
            baselineErrors += binomial(requestsPerInterval - canary, baselineErrorRate);
            var evaluation = judge.evaluate(state, Measurement.of(interval.multipliedBy(i),
                    VersionSample.of(canaryRequests, canaryErrors), VersionSample.of(baselineRequests, baselineErrors)));
            state = evaluation.state();
            last = evaluation.judgement();
            if (last.verdict().isTerminal()) {
                return last;
            }
        }
        return last;
    }

    private long binomial(long n, double p) {
        if (n * p > 30) {
            double draw = n * p + Math.sqrt(n * p * (1 - p)) * gaussian();
            return Math.max(0, Math.min(n, Math.round(draw)));
        }
        long count = 0;
        for (long i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                count++;
            }
        }
        return count;
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
