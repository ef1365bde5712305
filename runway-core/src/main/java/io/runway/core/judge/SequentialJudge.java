package io.runway.core.judge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our statistical canary-vs-baseline judge: a mixture sequential probability ratio test (mSPRT) on the
 * ratio of the canary's error rate to the baseline's, giving always-valid p-values.
 *
 * <p><b>Why an mSPRT.</b> A rollout step is measured every few seconds and should stop as soon as the
 * evidence is clear. A fixed-sample test looked at repeatedly inflates its error rate; a group-sequential
 * design fixes that only for a planned number of looks and needs the traffic known in advance. A mixture
 * likelihood ratio is a supermartingale under the null hypothesis, so by Ville's inequality it crosses
 * 1/α with probability at most α over an unbounded number of looks at any times: the false-rollback rate
 * holds whatever the measuring schedule, traffic share or step length.
 *
 * <p><b>Why a ratio, conditioned on the errors.</b> With errors as rare (Poisson) events, the canary's share
 * of an interval's errors is binomial with a probability fixed by the request counts and the rate ratio;
 * the unknown baseline rate drops out. That makes the test exact at the handful of errors a 1% canary
 * sees, where normal approximations of a rate difference are badly off, and it handles a baseline with no
 * errors (a canary with errors then shows an unbounded ratio). See {@link RateRatioEvidence}.
 *
 * <p><b>Hypotheses.</b> ROLLBACK when H0: ρ ≤ r is rejected at α (ρ = canary rate / baseline rate,
 * r = {@code allowedIncrease}); so any canary within the allowance, healthy ones included, is rolled back
 * with probability ≤ α. Early PROMOTE when H0': ρ ≥ r is rejected at β. Otherwise CONTINUE until
 * {@code maximumCanaryRequests}, then PROMOTE: not rejected after enough traffic to have detected a
 * clear regression.
 *
 * <p><b>Minimum sample: for PROMOTE only.</b> A ROLLBACK is decided at the first look where the evidence
 * rejects, however few requests were served: the always-valid bound holds at every look, including the
 * first ones, so waiting for {@code minimumCanaryRequests} would only delay a rollback, never make it
 * more reliable. (At a 1% share against a baseline without errors, one canary error never rejects at
 * α = 1%; two can, when the intervals they fell in held about 2 canary requests each; often a third is
 * needed.) A PROMOTE does wait for the minimum: "no errors in the first few requests" is no evidence of
 * health, and a version that gets no traffic must not pass.
 *
 * <p><b>Power.</b> The PROMOTE at the maximum is where regressions slip through. The test needs roughly
 * log(1/α)/KL errors in total, KL being the per-error Kullback–Leibler divergence between the canary's
 * error share at the true ratio and at r. At a 1% share with a 0.5% baseline, a 4× regression
 * (2% errors) needs about 350 errors, ~700 canary requests on average; the default maximum of 2000 canary
 * requests gives a missed-detection rate of a few percent there (measured: docs/performance.md). Lower it
 * and regressions are promoted more often; ratios just above r are detected only with far more traffic.
 * If the time limit comes first, the verdict is INCONCLUSIVE rather than a PROMOTE with unknown power.
 */
public final class SequentialJudge implements Judge<SequentialJudge.State> {

    /** The previous cumulative samples (to take differences) and the evidence so far. */
    public record State(VersionSample lastCanary, VersionSample lastBaseline, RateRatioEvidence evidence) {
    }

    private final SequentialOptions options;

    public SequentialJudge(SequentialOptions options) {
        this.options = options;
    }

    public SequentialOptions options() {
        return options;
    }

    @Override
    public State start() {
        return new State(VersionSample.EMPTY, VersionSample.EMPTY, RateRatioEvidence.none(options.allowedIncrease()));
    }

    @Override
    public Evaluation<State> evaluate(State state, Measurement measurement) {
        boolean outOfTime = measurement.elapsed().compareTo(options.timeLimit()) >= 0;
        if (measurement.isFailed()) {
            Verdict verdict = outOfTime ? Verdict.INCONCLUSIVE : Verdict.WAIT;
            return new Evaluation<>(Judgement.of(verdict, "measurement failed: " + measurement.error()), state);
        }
        VersionSample canary = measurement.canary();
        VersionSample baseline = measurement.baseline();
        VersionSample canaryInterval = canary.since(state.lastCanary());
        VersionSample baselineInterval = baseline.since(state.lastBaseline());
        RateRatioEvidence evidence = state.evidence().plus(canaryInterval.requests(), canaryInterval.errors(),
                baselineInterval.requests(), baselineInterval.errors());
        State next = new State(canary, baseline, evidence);

        double rollbackP = evidence.rollbackPValue();
        double promoteP = evidence.promotePValue();
        double ratio = canary.errorRate() / baseline.errorRate();
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("canaryRequests", (double) canary.requests());
        numbers.put("canaryErrors", (double) canary.errors());
        numbers.put("baselineRequests", (double) baseline.requests());
        numbers.put("baselineErrors", (double) baseline.errors());
        numbers.put("errorRateRatio", ratio);
        numbers.put("rollbackPValue", rollbackP);
        numbers.put("promotePValue", promoteP);

        String rates = "canary error rate " + Rates.errorRate(canary) + " vs baseline " + Rates.errorRate(baseline);
        String allowed = "allowed ×" + Rates.number(options.allowedIncrease());
        String observed = rates + ": ratio ×" + ratioText(canary, baseline);
        // No minimum sample before a ROLLBACK: the evidence is always valid, so rejecting at the first look
        // that crosses 1/α keeps the false-rollback rate ≤ α (the minimum only makes rejections rarer).
        if (rollbackP <= options.falseRollbackRate()) {
            return judged(Verdict.ROLLBACK, observed + " exceeds " + allowed + " (always-valid "
                    + Rates.pValue(rollbackP) + " ≤ α " + options.falseRollbackRate() + ")", numbers, next);
        }
        if (canary.requests() < options.minimumCanaryRequests() || baseline.requests() < options.minimumBaselineRequests()) {
            String what = "need at least " + options.minimumCanaryRequests() + " canary and "
                    + options.minimumBaselineRequests() + " baseline requests to promote (a clear regression rolls back"
                    + " before that); " + rates;
            return outOfTime
                    ? judged(Verdict.INCONCLUSIVE, "not enough data when the time limit " + options.timeLimit()
                            + " ran out: " + what, numbers, next)
                    : judged(Verdict.WAIT, "waiting for data: " + what, numbers, next);
        }
        if (promoteP <= options.missedRegressionRate()) {
            return judged(Verdict.PROMOTE, observed + " is confidently within " + allowed + " (always-valid "
                    + Rates.pValue(promoteP) + " ≤ β " + options.missedRegressionRate() + ")", numbers, next);
        }
        if (canary.requests() >= options.maximumCanaryRequests()) {
            return judged(Verdict.PROMOTE, observed + " not shown above " + allowed + " after "
                    + canary.requests() + " canary requests (maximum " + options.maximumCanaryRequests()
                    + "; rollback " + Rates.pValue(rollbackP) + ")", numbers, next);
        }
        String open = observed + ", " + allowed + ": undecided (rollback " + Rates.pValue(rollbackP) + ", promote "
                + Rates.pValue(promoteP) + "; " + canary.requests() + " of " + options.maximumCanaryRequests()
                + " canary requests)";
        if (outOfTime) {
            return judged(Verdict.INCONCLUSIVE, "time limit " + options.timeLimit() + " ran out: " + open, numbers, next);
        }
        return judged(Verdict.CONTINUE, open, numbers, next);
    }

    private static String ratioText(VersionSample canary, VersionSample baseline) {
        if (baseline.errors() == 0) {
            return canary.errors() == 0 ? "n/a (no errors in either)" : "∞ (baseline had no errors)";
        }
        return Rates.number(canary.errorRate() / baseline.errorRate());
    }

    private static Evaluation<State> judged(Verdict verdict, String reason, Map<String, Double> numbers, State state) {
        return new Evaluation<>(new Judgement(verdict, reason, numbers), state);
    }
}
