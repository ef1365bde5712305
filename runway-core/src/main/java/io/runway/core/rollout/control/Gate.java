package io.runway.core.rollout.control;

import io.runway.core.judge.Judge;
import io.runway.core.judge.Judgement;
import io.runway.core.judge.Measurement;
import io.runway.core.judge.SequentialJudge;
import io.runway.core.judge.SequentialOptions;
import io.runway.core.judge.ThresholdJudge;
import io.runway.core.judge.ThresholdOptions;
import io.runway.core.judge.Percentile;
import io.runway.core.rollout.spec.AnalysisSpec;
import java.math.BigDecimal;
import java.time.Duration;

/** A judge and its state between measurements, for one rollout; restarted for each analysis period. */
final class Gate<S> {
    private final Judge<S> judge;
    private S state;

    private Gate(Judge<S> judge) {
        this.judge = judge;
        this.state = judge.start();
    }

    static Gate<?> of(AnalysisSpec analysis) {
        if ("threshold".equals(analysis.judge())) {
            ThresholdOptions options = ThresholdOptions.DEFAULT
                    .withMaxErrorRate(percent(analysis.maxErrorRate()))
                    .withMinimumSampleSize(analysis.minimumRequests())
                    .withInterval(analysis.interval())
                    .withTimeLimit(analysis.noDataTimeout());
            if (analysis.maxLatencyP99() != null) {
                options = options.withMaxLatency(Percentile.P99, analysis.maxLatencyP99().toNanos() / 1e6);
            }
            return new Gate<>(new ThresholdJudge(options));
        }
        SequentialOptions options = SequentialOptions.DEFAULT
                .withFalseRollbackRate(percent(analysis.falseRollbackRate()))
                .withAllowedIncrease(analysis.allowedIncrease().doubleValue())
                .withMinimumRequests(analysis.minimumRequests(), analysis.minimumRequests())
                .withInterval(analysis.interval())
                .withTimeLimit(max(analysis.noDataTimeout(), analysis.interval()));
        return new Gate<>(new SequentialJudge(options));
    }

    Judgement evaluate(Measurement measurement) {
        Judge.Evaluation<S> next = judge.evaluate(state, measurement);
        state = next.state();
        return next.judgement();
    }

    void restart() {
        state = judge.start();
    }

    private static double percent(BigDecimal p) {
        return p.doubleValue() / 100.0;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
