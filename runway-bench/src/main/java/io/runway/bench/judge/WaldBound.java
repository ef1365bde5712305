package io.runway.bench.judge;

import java.util.Locale;

/**
 * The fewest canary requests, on average, that any sequential test can need to roll back the faulty canary of
 * {@link JudgeSimulation} while keeping its error rates: Wald's lower bound on the expected sample size,
 * {@code E[N] >= ((1-β)·ln((1-β)/α) + β·ln(β/(1-α))) / D(p1 || p0)}, where D is the Kullback-Leibler
 * divergence of one canary request's outcome (error or not) under the faulty rate p1 from its outcome under the
 * null rate p0 = allowed ratio × baseline rate.
 *
 * <p>The bound grants the test everything it could wish for: the baseline's rate known exactly (the 1% share's
 * 99-fold baseline comes close, the 5% share's 19-fold less so), the faulty rate known in advance, a look after
 * every request, and no overshoot. A real test is above it. α is the false-rollback rate the test guarantees at
 * the null ratio; β the share of faulty canaries it lets through.
 */
public final class WaldBound {
    private WaldBound() {
    }

    /** Wald's bound on the expected number of canary requests under p1, for a test of p0 against p1. */
    static double expectedRequests(double p0, double p1, double alpha, double beta) {
        double evidence = (1 - beta) * Math.log((1 - beta) / alpha) + beta * Math.log(beta / (1 - alpha));
        return evidence / bernoulliDivergence(p1, p0);
    }

    /** D(Bernoulli(p) || Bernoulli(q)) in nats. */
    static double bernoulliDivergence(double p, double q) {
        return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    }

    public static void main(String[] args) {
        double baseline = 0.005;
        double faulty = 0.02;
        double alpha = 0.01;
        System.out.println("| null: allowed ratio | α (false rollbacks at the null) | β (faulty let through) "
                + "| fewest mean canary requests to roll back a 2% canary |");
        System.out.println("|---|---|---|---|");
        for (double allowed : new double[] {1.25, 1.0}) {
            for (double beta : new double[] {0.01, 0.05}) {
                System.out.printf(Locale.ROOT, "| ×%.2f | %.0f%% | %.0f%% | %.0f |%n", allowed, 100 * alpha, 100 * beta,
                        expectedRequests(allowed * baseline, faulty, alpha, beta));
            }
        }
    }
}
