package io.runway.core.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Kayenta-style peer: at every look, a Mann-Whitney U test compares the canary's per-interval error
 * rates with the baseline's; a significant increase rolls back, and an analysis that lasts its lifetime
 * without one promotes. Kept for comparison with {@link SequentialJudge}: repeating a fixed-level test at
 * every look raises its false-rollback rate above 1 − confidence, and sparse error counts (mostly-zero
 * samples) leave it little power (kayenta#426).
 *
 * <p>Intervals in which a version had no requests give no sample (Kayenta's nanStrategy "remove").
 */
public final class MannWhitneyJudge implements Judge<MannWhitneyJudge.State> {

    /** Previous cumulative samples and the per-interval error rates collected so far. */
    public record State(VersionSample lastCanary, VersionSample lastBaseline, List<Double> canaryRates,
            List<Double> baselineRates) {
        public State {
            canaryRates = List.copyOf(canaryRates);
            baselineRates = List.copyOf(baselineRates);
        }
    }

    private final MannWhitneyOptions options;

    public MannWhitneyJudge(MannWhitneyOptions options) {
        this.options = options;
    }

    public MannWhitneyOptions options() {
        return options;
    }

    @Override
    public State start() {
        return new State(VersionSample.EMPTY, VersionSample.EMPTY, List.of(), List.of());
    }

    @Override
    public Evaluation<State> evaluate(State state, Measurement measurement) {
        boolean lifetimeOver = measurement.elapsed().compareTo(options.lifetime()) >= 0;
        if (measurement.isFailed()) {
            Verdict verdict = lifetimeOver ? Verdict.INCONCLUSIVE : Verdict.WAIT;
            return new Evaluation<>(Judgement.of(verdict, "measurement failed: " + measurement.error()), state);
        }
        VersionSample canary = measurement.canary().since(state.lastCanary());
        VersionSample baseline = measurement.baseline().since(state.lastBaseline());
        State next = new State(measurement.canary(), measurement.baseline(),
                appended(state.canaryRates(), canary), appended(state.baselineRates(), baseline));
        int samples = Math.min(next.canaryRates().size(), next.baselineRates().size());
        if (samples < options.minimumIntervals()) {
            String what = next.canaryRates().size() + " canary and " + next.baselineRates().size()
                    + " baseline intervals with traffic, need " + options.minimumIntervals();
            return lifetimeOver
                    ? judged(Verdict.INCONCLUSIVE, "no data when the analysis lifetime ended: " + what, Map.of(), next)
                    : judged(Verdict.WAIT, "waiting for data: " + what, Map.of(), next);
        }
        double[] canaryRates = toArray(next.canaryRates());
        double[] baselineRates = toArray(next.baselineRates());
        double pValue = new MannWhitneyUTest().mannWhitneyUTest(canaryRates, baselineRates);
        double canaryMean = mean(canaryRates);
        double baselineMean = mean(baselineRates);
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("canaryMeanErrorRate", canaryMean);
        numbers.put("baselineMeanErrorRate", baselineMean);
        numbers.put("pValue", pValue);
        numbers.put("intervals", (double) samples);
        String observed = "canary mean error rate " + Rates.percent(canaryMean) + " vs baseline "
                + Rates.percent(baselineMean) + " over " + canaryRates.length + "/" + baselineRates.length
                + " intervals (Mann-Whitney " + Rates.pValue(pValue) + ", confidence " + options.confidenceLevel() + ")";
        boolean significant = pValue < 1 - options.confidenceLevel();
        if (significant && canaryMean > baselineMean * options.allowedIncrease()) {
            return judged(Verdict.ROLLBACK, observed + ": canary higher", numbers, next);
        }
        if (lifetimeOver) {
            return judged(Verdict.PROMOTE, observed + ": no significant increase during the analysis", numbers, next);
        }
        return judged(Verdict.CONTINUE, observed + ": no significant increase so far", numbers, next);
    }

    private static List<Double> appended(List<Double> rates, VersionSample interval) {
        if (interval.requests() == 0) {
            return rates;
        }
        List<Double> more = new ArrayList<>(rates);
        more.add(interval.errorRate());
        return more;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static Evaluation<State> judged(Verdict verdict, String reason, Map<String, Double> numbers, State state) {
        return new Evaluation<>(new Judgement(verdict, reason, numbers), state);
    }
}
