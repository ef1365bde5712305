package io.runway.bench.judge;

import io.runway.core.judge.SequentialJudge;
import io.runway.core.judge.SequentialOptions;
import io.runway.core.judge.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the sequential judge's {@code allowedIncrease} buys, on the same seeded rollouts as
 * {@link JudgeSimulation}: canary requests to a verdict and the rollback rate for healthy and faulty canaries,
 * per allowed ratio, everything else at the defaults. An exploration for docs/performance.md, not a target.
 */
public final class AllowedRatioSweep {
    private AllowedRatioSweep() {
    }

    public static void main(String[] args) {
        int rollouts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("| allowed ratio | share | canary | mean canary requests to verdict | rolled back |");
        System.out.println("|---|---|---|---|---|");
        for (double allowed : new double[] {1.25, 1.1, 1.0}) {
            SequentialOptions d = SequentialOptions.DEFAULT;
            SequentialOptions options = new SequentialOptions(d.falseRollbackRate(), d.missedRegressionRate(), allowed,
                    d.minimumCanaryRequests(), d.minimumBaselineRequests(), d.maximumCanaryRequests(), d.interval(),
                    d.timeLimit());
            JudgeSimulation.Contender ours = new JudgeSimulation.Contender("ours", new SequentialJudge(options), 1);
            for (double share : new double[] {0.01, 0.05}) {
                for (boolean faulty : new boolean[] {false, true}) {
                    TrafficModel traffic = JudgeSimulation.traffic(share, faulty);
                    List<JudgeSimulation.Outcome> outcomes = new ArrayList<>();
                    for (int i = 0; i < rollouts; i++) {
                        outcomes.add(JudgeSimulation.judge(ours,
                                traffic.generate(JudgeSimulation.seed(share, faulty, i), JudgeSimulation.MAX_TICKS)));
                    }
                    ScenarioResult r = new ScenarioResult(ours.name(), share, faulty, outcomes);
                    System.out.printf(Locale.ROOT, "| ×%.2f | %.0f%% | %s | %.0f | %.1f%% |%n", allowed, 100 * share,
                            faulty ? "faulty 2%" : "healthy 0.5%", r.meanCanaryRequests(), 100 * r.share(Verdict.ROLLBACK));
                }
            }
        }
    }
}
