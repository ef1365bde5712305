package io.runway.core.judge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Argo Rollouts / Flagger style judge: absolute limits on the canary alone, checked once per interval on
 * the requests of that interval. It needs no baseline, which makes it simple and predictable, but each
 * check is a single noisy look with no error-rate guarantee: at small canary shares an interval holds few
 * requests and a healthy canary fails a check by chance (see docs/judges.md).
 *
 * <p>Rules, in order: a failed measurement counts toward {@code consecutiveErrorLimit} (over it: ROLLBACK,
 * as Argo's Error phase aborts); an interval with fewer than {@code minimumSampleSize} canary requests is
 * "no data" (WAIT; INCONCLUSIVE once the time limit has passed) and never a passed check; otherwise the
 * interval is a check that fails on an error rate above {@code maxErrorRate} or a latency percentile above
 * {@code maxLatencyMillis}. More than {@code failureLimit} failed checks: ROLLBACK; {@code requiredChecks}
 * passed checks: PROMOTE.
 */
public final class ThresholdJudge implements Judge<ThresholdJudge.State> {

    /**
     * @param lastCanary the canary's cumulative sample at the previous good measurement
     */
    public record State(VersionSample lastCanary, int failedChecks, int passedChecks, int consecutiveErrors) {
        static final State START = new State(VersionSample.EMPTY, 0, 0, 0);
    }

    private final ThresholdOptions options;

    public ThresholdJudge(ThresholdOptions options) {
        this.options = options;
    }

    /** Flagger's defaults, see {@link ThresholdOptions#flaggerDefaults()}. */
    public static ThresholdJudge flaggerStyle() {
        return new ThresholdJudge(ThresholdOptions.flaggerDefaults());
    }

    public ThresholdOptions options() {
        return options;
    }

    @Override
    public State start() {
        return State.START;
    }

    @Override
    public Evaluation<State> evaluate(State state, Measurement measurement) {
        boolean outOfTime = measurement.elapsed().compareTo(options.timeLimit()) >= 0;
        if (measurement.isFailed()) {
            return measurementFailed(state, measurement, outOfTime);
        }
        VersionSample interval = measurement.canary().since(state.lastCanary());
        State next = new State(measurement.canary(), state.failedChecks(), state.passedChecks(), 0);
        // Too few requests carry over into the next interval instead of being dropped, so a slow
        // canary eventually gets checked rather than waiting forever.
        State carryOver = new State(state.lastCanary(), state.failedChecks(), state.passedChecks(), 0);
        double latency = interval.latency().at(options.latencyPercentile());
        boolean latencyMissing = options.checksLatency() && Double.isNaN(latency);
        if (interval.requests() < options.minimumSampleSize() || latencyMissing) {
            String what = latencyMissing && interval.requests() >= options.minimumSampleSize()
                    ? "no " + options.latencyPercentile() + " latency reported"
                    : "canary served " + interval.requests() + " requests this interval, fewer than the minimum "
                            + options.minimumSampleSize();
            return noData(carryOver, what, outOfTime);
        }
        Map<String, Double> numbers = new LinkedHashMap<>();
        numbers.put("canaryRequests", (double) interval.requests());
        numbers.put("canaryErrors", (double) interval.errors());
        numbers.put("canaryErrorRate", interval.errorRate());
        String failure = failure(interval, latency, numbers);
        if (failure != null) {
            State failed = new State(next.lastCanary(), next.failedChecks() + 1, next.passedChecks(), 0);
            String counted = " (failed checks " + failed.failedChecks() + ", limit " + options.failureLimit() + ")";
            Verdict verdict = failed.failedChecks() > options.failureLimit() ? Verdict.ROLLBACK
                    : outOfTime ? Verdict.INCONCLUSIVE : Verdict.CONTINUE;
            return evaluation(verdict, failure + counted, numbers, failed);
        }
        State passed = new State(next.lastCanary(), next.failedChecks(), next.passedChecks() + 1, 0);
        String ok = "check passed: canary error rate " + Rates.errorRate(interval) + " within "
                + Rates.percent(options.maxErrorRate())
                + (options.checksLatency() ? ", " + options.latencyPercentile() + " " + Rates.millis(latency)
                        + " within " + Rates.millis(options.maxLatencyMillis()) : "")
                + " (passed checks " + passed.passedChecks() + " of " + options.requiredChecks() + ")";
        Verdict verdict = passed.passedChecks() >= options.requiredChecks() ? Verdict.PROMOTE
                : outOfTime ? Verdict.INCONCLUSIVE : Verdict.CONTINUE;
        return evaluation(verdict, ok, numbers, passed);
    }

    /** The reason a check failed, or null when it passed. */
    private String failure(VersionSample interval, double latency, Map<String, Double> numbers) {
        if (interval.errorRate() > options.maxErrorRate()) {
            return "check failed: canary error rate " + Rates.errorRate(interval) + " exceeds "
                    + Rates.percent(options.maxErrorRate());
        }
        if (options.checksLatency()) {
            numbers.put("canaryLatencyMillis", latency);
            if (latency > options.maxLatencyMillis()) {
                return "check failed: canary " + options.latencyPercentile() + " latency " + Rates.millis(latency)
                        + " exceeds " + Rates.millis(options.maxLatencyMillis());
            }
        }
        return null;
    }

    private Evaluation<State> measurementFailed(State state, Measurement measurement, boolean outOfTime) {
        int errors = state.consecutiveErrors() + 1;
        State next = new State(state.lastCanary(), state.failedChecks(), state.passedChecks(), errors);
        String reason = "measurement failed (" + errors + " in a row, limit " + options.consecutiveErrorLimit()
                + "): " + measurement.error();
        Verdict verdict = errors > options.consecutiveErrorLimit() ? Verdict.ROLLBACK
                : outOfTime ? Verdict.INCONCLUSIVE : Verdict.WAIT;
        return evaluation(verdict, reason, Map.of("consecutiveErrors", (double) errors), next);
    }

    private Evaluation<State> noData(State next, String what, boolean outOfTime) {
        if (outOfTime) {
            return evaluation(Verdict.INCONCLUSIVE,
                    "no data when the gate's time limit " + options.timeLimit() + " ran out: " + what, Map.of(), next);
        }
        return evaluation(Verdict.WAIT, "waiting for data: " + what, Map.of(), next);
    }

    private static Evaluation<State> evaluation(
            Verdict verdict, String reason, Map<String, Double> numbers, State state) {
        return new Evaluation<>(new Judgement(verdict, reason, numbers), state);
    }
}
