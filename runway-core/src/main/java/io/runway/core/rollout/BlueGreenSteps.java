package io.runway.core.rollout;

import io.runway.core.judge.Judgement;
import io.runway.core.judge.Verdict;
import io.runway.core.rollout.RolloutDecider.Draft;
import io.runway.core.rollout.spec.BlueGreenSpec;
import java.util.List;

/**
 * Blue-green: green gets no main traffic but all of the preview route while it is judged; when healthy it
 * takes all traffic at once (or waits for a promote), and blue is kept for the fast-rollback window.
 */
final class BlueGreenSteps {
    private BlueGreenSteps() {}

    static void begin(Draft d) {
        d.route(0, false, true);
        d.note("green " + d.state.spec().version() + " on the preview route; blue " + d.state.spec().baseline()
                + " serves all traffic");
    }

    static void run(Draft d, Judgement judgement) {
        BlueGreenSpec spec = d.state.spec().strategy().blueGreen();
        boolean proven = judgement != null && judgement.verdict() == Verdict.PROMOTE;
        boolean timeUp = !d.now.isBefore(d.state.stepStartedAt().plus(spec.previewAnalysis()));
        if (!proven && !timeUp) {
            return;
        }
        if (!proven && lastVerdict(d) != Verdict.CONTINUE) {
            RolloutDecider.inconclusive(d, "green was not judged healthy on the preview route within "
                    + spec.previewAnalysis() + (lastVerdict(d) == null ? " (no measurement)" : " (too little data)"));
            return;
        }
        if (!spec.autoPromote()) {
            d.state = d.state.withPhase(RolloutPhase.PAUSED, "green healthy on the preview route; waiting for promote");
            d.note("green healthy; waiting for promote");
            return;
        }
        RolloutDecider.promote(d, "green healthy on the preview route"
                + (proven ? ": " + judgement.reason() : " for " + spec.previewAnalysis()) + "; switched all traffic");
    }

    private static Verdict lastVerdict(Draft d) {
        List<VerdictEntry> log = d.state.verdicts();
        return log.isEmpty() ? null : log.get(log.size() - 1).verdict();
    }
}
