package io.runway.core.rollout;

import io.runway.core.judge.Judgement;
import io.runway.core.judge.Verdict;
import io.runway.core.rollout.RolloutDecider.Draft;
import io.runway.core.rollout.spec.StepSpec;
import java.time.Duration;
import java.util.List;

/** Runs canary steps in order: instant ones (setWeight, elapsed pauses) in the same decision. */
final class CanarySteps {
    private CanarySteps() {}

    static void run(Draft d, Judgement judgement) {
        List<StepSpec> steps = d.state.spec().strategy().canary().steps();
        while (d.state.stepIndex() < steps.size()) {
            StepSpec step = steps.get(d.state.stepIndex());
            int number = d.state.stepIndex() + 1;
            if (step.setWeight() != null) {
                int bp = RolloutDecider.basisPoints(step.setWeight());
                d.route(bp, true, false);
                d.note("step " + number + "/" + steps.size() + ": weight " + step.setWeight().toPlainString() + "%");
                advance(d);
            } else if (step.pause() != null) {
                Duration length = step.pause().duration();
                if (length == null) {
                    d.state = d.state.withPhase(RolloutPhase.PAUSED, "paused at step " + number + " until promoted");
                    d.note("step " + number + "/" + steps.size() + ": paused until promoted");
                    return;
                }
                if (d.now.isBefore(d.state.stepStartedAt().plus(length))) {
                    return;
                }
                advance(d);
            } else if (!analysisDone(d, step.analysis().duration(), judgement, number, steps.size())) {
                return;
            } else {
                judgement = null; // evidence passes one analysis step, not the next one at another weight
            }
        }
        RolloutDecider.promote(d, "all " + steps.size() + " steps passed");
    }

    /** An analysis step passes on a PROMOTE verdict, or when it ends with no harm seen (CONTINUE). */
    private static boolean analysisDone(Draft d, Duration length, Judgement judgement, int number, int of) {
        if (judgement != null && judgement.verdict() == Verdict.PROMOTE) {
            d.note("step " + number + "/" + of + ": analysis passed: " + judgement.reason());
            advance(d);
            return true;
        }
        if (d.now.isBefore(d.state.stepStartedAt().plus(length))) {
            return false;
        }
        Verdict last = lastVerdictOfStep(d);
        if (last == Verdict.CONTINUE) {
            d.note("step " + number + "/" + of + ": analysis held for " + length + " with no harm seen");
            advance(d);
            return true;
        }
        RolloutDecider.inconclusive(d, "analysis step " + number + " ended after " + length
                + (last == null ? " without any measurement" : " with too little data (" + last + ")"));
        return false;
    }

    private static Verdict lastVerdictOfStep(Draft d) {
        List<VerdictEntry> log = d.state.verdicts();
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).at().isBefore(d.state.stepStartedAt())) {
                break;
            }
            return log.get(i).verdict();
        }
        // The verdict log only records changes: a CONTINUE recorded before the step began still holds.
        return log.isEmpty() ? null : log.get(log.size() - 1).verdict();
    }

    private static void advance(Draft d) {
        d.state = d.state.atStep(d.state.stepIndex() + 1, d.now);
    }
}
