package io.runway.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MannWhitneyJudgeTest {
    private final MannWhitneyJudge judge = new MannWhitneyJudge(MannWhitneyOptions.DEFAULT);

    /** Feeds per-interval counts (canary requests, errors, baseline requests, errors) at 60 s intervals. */
    private Judge.Evaluation<MannWhitneyJudge.State> feed(long[][] intervals) {
        var state = judge.start();
        long cr = 0, ce = 0, br = 0, be = 0;
        Judge.Evaluation<MannWhitneyJudge.State> evaluation = null;
        for (int i = 0; i < intervals.length; i++) {
            cr += intervals[i][0];
            ce += intervals[i][1];
            br += intervals[i][2];
            be += intervals[i][3];
            evaluation = judge.evaluate(state, Measurement.of(Duration.ofSeconds(60L * (i + 1)),
                    VersionSample.of(cr, ce), VersionSample.of(br, be)));
            state = evaluation.state();
        }
        return evaluation;
    }

    @Test
    void rollsBackWhenTheCanaryIsSignificantlyHigherEveryInterval() {
        long[][] intervals = new long[6][];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new long[] {1000, 30 + i, 1000, 5 + (i % 2)};
        }
        var evaluation = feed(intervals);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(evaluation.judgement().reason()).contains("over 6/6 intervals (Mann-Whitney p=", "canary higher");
    }

    @Test
    void waitsForTheMinimumNumberOfIntervals() {
        var evaluation = feed(new long[][] {{1000, 50, 1000, 5}, {1000, 50, 1000, 5}});

        assertThat(evaluation.verdict()).isEqualTo(Verdict.WAIT);
        assertThat(evaluation.judgement().reason()).isEqualTo(
                "waiting for data: 2 canary and 2 baseline intervals with traffic, need 3");
    }

    @Test
    void promotesWhenTheLifetimeEndsWithoutASignificantIncrease() {
        long[][] intervals = new long[10][];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new long[] {1000, 5 + (i % 3), 1000, 6 - (i % 2)};
        }
        var evaluation = feed(intervals);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PROMOTE);
        assertThat(evaluation.judgement().reason()).endsWith("no significant increase during the analysis");
    }

    @Test
    void intervalsWithoutCanaryTrafficGiveNoSampleAndEndInconclusive() {
        long[][] intervals = new long[10][];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new long[] {0, 0, 1000, 5};
        }
        var evaluation = feed(intervals);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(evaluation.state().canaryRates()).isEmpty();
    }

    @Test
    void aBaselineWithoutErrorsAndACanaryWithErrorsRollsBack() {
        long[][] intervals = new long[6][];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new long[] {100, 3, 10000, 0};
        }
        assertThat(feed(intervals).verdict()).isEqualTo(Verdict.ROLLBACK);
    }

    @Test
    void aFailedMeasurementWaits() {
        var evaluation = judge.evaluate(judge.start(), Measurement.failed(Duration.ofSeconds(60), "no metrics"));

        assertThat(evaluation.verdict()).isEqualTo(Verdict.WAIT);
        assertThat(evaluation.judgement().reason()).isEqualTo("measurement failed: no metrics");
    }
}
