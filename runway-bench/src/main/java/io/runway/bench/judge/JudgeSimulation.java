package io.runway.bench.judge;

import io.runway.core.judge.Judge;
import io.runway.core.judge.Judgement;
import io.runway.core.judge.Measurement;
import io.runway.core.judge.MannWhitneyJudge;
import io.runway.core.judge.MannWhitneyOptions;
import io.runway.core.judge.Percentile;
import io.runway.core.judge.SequentialJudge;
import io.runway.core.judge.SequentialOptions;
import io.runway.core.judge.ThresholdJudge;
import io.runway.core.judge.ThresholdOptions;
import io.runway.core.judge.Verdict;
import io.runway.core.judge.VersionSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Side-by-side simulation of the three judges on the same seeded traffic: healthy canaries (0.5% errors,
 * like the baseline) and faulty ones (2%), at 1% and 5% canary share of 200 requests/s. Traffic is drawn
 * in 10 s ticks; each judge measures at its own interval (ours every tick, the Flagger- and Kayenta-style
 * peers every 60 s) until a terminal verdict or 30 minutes.
 *
 * <p>Also prints the peers calibrated to the same false-rollback rate ({@link CalibratedPeers}) and the
 * time to mitigate a bad canary ({@link MitigationSimulation}). Run with the command in
 * docs/performance.md, section "Judges"; an optional argument sets the rollouts per cell (default 1000).
 */
public final class JudgeSimulation {
    static final int REQUESTS_PER_SECOND = 200;
    static final int TICK_SECONDS = 10;
    static final int MAX_TICKS = 180;
    static final double BASELINE_ERROR_RATE = 0.005;
    static final double FAULTY_ERROR_RATE = 0.02;

    /** A judge under test and how many ticks lie between its measurements. */
    record Contender(String name, Judge<?> judge, int ticksPerMeasurement) {
    }

    private JudgeSimulation() {
    }

    static List<Contender> contenders() {
        // Flagger's default latency check is left out: the simulated traffic has no latency.
        ThresholdOptions flagger = ThresholdOptions.flaggerDefaults().withMaxLatency(Percentile.P99, Double.NaN);
        return List.of(
                new Contender("sequential (ours, 10 s)", new SequentialJudge(SequentialOptions.DEFAULT), 1),
                new Contender("flagger-style threshold (60 s)", new ThresholdJudge(flagger), 6),
                new Contender("kayenta-style mann-whitney (60 s)", new MannWhitneyJudge(MannWhitneyOptions.DEFAULT), 6));
    }

    public static void main(String[] args) {
        int rollouts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long started = System.nanoTime();
        List<ScenarioResult> results = run(rollouts);
        System.out.println("Defaults (target a):");
        System.out.println(ScenarioResult.table(results));
        System.out.println("Peers calibrated to <= 1% false rollbacks on the same rollouts (target a, fair reading):");
        System.out.println(CalibratedPeers.run(rollouts));
        System.out.println("Time to mitigate at 200 requests/s, 1% canary share (target b):");
        System.out.println(MitigationSimulation.table(MitigationSimulation.run(rollouts)));
        System.out.println("Time to mitigate with mirrored copies of the baseline's requests (target b, analysis.mirror):");
        System.out.println(MirrorMitigationSimulation.table(MirrorMitigationSimulation.run(rollouts)));
        System.out.printf("%d rollouts per cell, %.1f s%n", rollouts, (System.nanoTime() - started) / 1e9);
    }

    static List<ScenarioResult> run(int rollouts) {
        List<ScenarioResult> results = new ArrayList<>();
        for (double share : new double[] {0.01, 0.05}) {
            for (boolean faulty : new boolean[] {false, true}) {
                TrafficModel traffic = traffic(share, faulty);
                List<Contender> contenders = contenders();
                List<List<Outcome>> outcomes = new ArrayList<>();
                contenders.forEach(c -> outcomes.add(new ArrayList<>()));
                for (int i = 0; i < rollouts; i++) {
                    long[][] ticks = traffic.generate(seed(share, faulty, i), MAX_TICKS);
                    for (int c = 0; c < contenders.size(); c++) {
                        outcomes.get(c).add(judge(contenders.get(c), ticks));
                    }
                }
                for (int c = 0; c < contenders.size(); c++) {
                    results.add(new ScenarioResult(contenders.get(c).name(), share, faulty, outcomes.get(c)));
                }
            }
        }
        return results;
    }

    static TrafficModel traffic(double share, boolean faulty) {
        return new TrafficModel((long) REQUESTS_PER_SECOND * TICK_SECONDS, share,
                faulty ? FAULTY_ERROR_RATE : BASELINE_ERROR_RATE, BASELINE_ERROR_RATE);
    }

    /** The seed of rollout {@code i} of a cell: every table that uses this traffic sees the same rollouts. */
    static long seed(double share, boolean faulty, int i) {
        return (faulty ? 2_000_000L : 1_000_000L) + Math.round(share * 1000) * 10_000L + i;
    }

    static Outcome judge(Contender contender, long[][] ticks) {
        return judge(contender, ticks, TICK_SECONDS);
    }

    /** Feeds the ticks (each {@code tickSeconds} long) to the judge at its interval until a terminal verdict. */
    static <S> Outcome judge(Contender contender, long[][] ticks, int tickSeconds) {
        @SuppressWarnings("unchecked")
        Judge<S> judge = (Judge<S>) contender.judge();
        S state = judge.start();
        long cr = 0, ce = 0, br = 0, be = 0, mr = 0, me = 0;
        for (int t = 0; t < ticks.length; t++) {
            cr += ticks[t][TrafficModel.CANARY];
            ce += ticks[t][TrafficModel.CANARY_ERRORS];
            br += ticks[t][TrafficModel.BASELINE];
            be += ticks[t][TrafficModel.BASELINE_ERRORS];
            mr += ticks[t][TrafficModel.MIRRORED];
            me += ticks[t][TrafficModel.MIRRORED_ERRORS];
            if ((t + 1) % contender.ticksPerMeasurement() != 0) {
                continue;
            }
            // As the rollout's gate does: the canary is judged on what it served and on its mirrored copies.
            Judge.Evaluation<S> evaluation = judge.evaluate(state, Measurement.of(
                    Duration.ofSeconds((long) (t + 1) * tickSeconds), VersionSample.of(cr + mr, ce + me),
                    VersionSample.of(br, be)));
            state = evaluation.state();
            Judgement judgement = evaluation.judgement();
            if (judgement.verdict().isTerminal()) {
                return new Outcome(judgement.verdict(), cr, cr + br, t + 1);
            }
        }
        return new Outcome(Verdict.CONTINUE, cr, cr + br, ticks.length);
    }

    /**
     * How one rollout ended (CONTINUE: undecided at the horizon), the requests served to clients until
     * then (mirrored copies are not counted: no client saw them), and the ticks until the verdict (the
     * verdict is known at the end of tick {@code ticks - 1}).
     */
    record Outcome(Verdict verdict, long canaryRequests, long totalRequests, int ticks) {
    }
}
