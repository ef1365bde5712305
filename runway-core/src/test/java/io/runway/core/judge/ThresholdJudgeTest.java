package io.runway.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThresholdJudgeTest {
    private final ThresholdJudge judge = new ThresholdJudge(ThresholdOptions.DEFAULT.withRequiredChecks(2));

    private static Measurement at(int seconds, long canaryRequests, long canaryErrors) {
        return Measurement.of(Duration.ofSeconds(seconds), VersionSample.of(canaryRequests, canaryErrors), VersionSample.EMPTY);
    }

    @Test
    void promotesAfterTheRequiredPassedChecks() {
        var first = judge.evaluate(judge.start(), at(60, 1000, 5));
        assertThat(first.verdict()).isEqualTo(Verdict.CONTINUE);
        assertThat(first.judgement().reason()).isEqualTo(
                "check passed: canary error rate 0.50% (5/1000) within 1.00% (passed checks 1 of 2)");

        var second = judge.evaluate(first.state(), at(120, 2000, 10));
        assertThat(second.verdict()).isEqualTo(Verdict.PROMOTE);
        assertThat(second.judgement().numbers()).containsEntry("canaryRequests", 1000.0);
    }

    @Test
    void theFirstFailedCheckRollsBackWithTheDefaultFailureLimit() {
        var passed = judge.evaluate(judge.start(), at(60, 1000, 5));
        // The second interval alone has 30/1000 errors, although the cumulative rate is 1.75%.
        var failed = judge.evaluate(passed.state(), at(120, 2000, 35));

        assertThat(failed.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(failed.judgement().reason())
                .isEqualTo("check failed: canary error rate 3.00% (30/1000) exceeds 1.00% (failed checks 1, limit 0)");
    }

    @Test
    void failureLimitToleratesThatManyFailedChecks() {
        var tolerant = new ThresholdJudge(ThresholdOptions.DEFAULT.withFailureLimit(1));
        var first = tolerant.evaluate(tolerant.start(), at(60, 1000, 50));
        var second = tolerant.evaluate(first.state(), at(120, 2000, 100));

        assertThat(first.verdict()).isEqualTo(Verdict.CONTINUE);
        assertThat(second.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(second.state().failedChecks()).isEqualTo(2);
    }

    @Test
    void noDataWaitsThenIsInconclusiveWhenTheTimeLimitRunsOut() {
        var waiting = judge.evaluate(judge.start(), at(60, 0, 0));
        assertThat(waiting.verdict()).isEqualTo(Verdict.WAIT);
        assertThat(waiting.judgement().reason()).startsWith("waiting for data: canary served 0 requests");

        var timedOut = judge.evaluate(waiting.state(), at(600, 0, 0));
        assertThat(timedOut.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(timedOut.judgement().reason()).startsWith("no data when the gate's time limit PT10M ran out");
    }

    @Test
    void intervalsBelowTheMinimumSampleCarryOverInsteadOfCounting() {
        var few = judge.evaluate(judge.start(), at(60, 60, 0));
        assertThat(few.verdict()).isEqualTo(Verdict.WAIT);
        assertThat(few.state().passedChecks()).isZero();

        // 60 + 60 requests together reach the minimum of 100 and make one check.
        var enough = judge.evaluate(few.state(), at(120, 120, 0));
        assertThat(enough.verdict()).isEqualTo(Verdict.CONTINUE);
        assertThat(enough.judgement().numbers()).containsEntry("canaryRequests", 120.0);
    }

    @Test
    void consecutiveMeasurementErrorsOverTheLimitRollBack() {
        var state = judge.start();
        for (int i = 1; i <= 4; i++) {
            var evaluation = judge.evaluate(state, Measurement.failed(Duration.ofSeconds(10L * i), "query timed out"));
            assertThat(evaluation.verdict()).isEqualTo(Verdict.WAIT);
            state = evaluation.state();
        }
        var fifth = judge.evaluate(state, Measurement.failed(Duration.ofSeconds(50), "query timed out"));

        assertThat(fifth.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(fifth.judgement().reason()).isEqualTo("measurement failed (5 in a row, limit 4): query timed out");
    }

    @Test
    void aGoodMeasurementResetsTheConsecutiveErrors() {
        var failed = judge.evaluate(judge.start(), Measurement.failed(Duration.ofSeconds(10), "down"));
        var good = judge.evaluate(failed.state(), at(60, 1000, 0));

        assertThat(good.state().consecutiveErrors()).isZero();
    }

    @Test
    void allErrorsRollBackAndZeroErrorsPass() {
        assertThat(judge.evaluate(judge.start(), at(60, 500, 500)).verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(judge.evaluate(judge.start(), at(60, 500, 0)).verdict()).isEqualTo(Verdict.CONTINUE);
    }

    @Test
    void latencyAboveTheLimitFailsAndMissingLatencyIsNoData() {
        var withLatency = new ThresholdJudge(ThresholdOptions.DEFAULT.withMaxLatency(Percentile.P99, 300));
        var slow = new VersionSample(1000, 0, new LatencySummary(40, 120, 450));
        var failed = withLatency.evaluate(withLatency.start(),
                Measurement.of(Duration.ofSeconds(60), slow, VersionSample.EMPTY));
        var missing = withLatency.evaluate(withLatency.start(), at(60, 1000, 0));

        assertThat(failed.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(failed.judgement().reason()).startsWith("check failed: canary P99 latency 450 ms exceeds 300 ms");
        assertThat(missing.verdict()).isEqualTo(Verdict.WAIT);
        assertThat(missing.judgement().reason()).isEqualTo("waiting for data: no P99 latency reported");
    }

    @Test
    void flaggerStyleAdvancesAfterOnePassedCheck() {
        var flagger = ThresholdJudge.flaggerStyle();
        var sample = new VersionSample(120, 1, new LatencySummary(20, 80, 200));
        var evaluation = flagger.evaluate(flagger.start(), Measurement.of(Duration.ofSeconds(60), sample, VersionSample.EMPTY));

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PROMOTE);
        assertThat(evaluation.judgement().reason()).contains("0.83% (1/120) within 1.00%", "P99 200 ms within 500 ms");
    }
}
