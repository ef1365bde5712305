package io.runway.bench.judge;

import io.runway.bench.judge.JudgeSimulation.Contender;
import io.runway.bench.judge.JudgeSimulation.Outcome;
import io.runway.core.judge.MannWhitneyJudge;
import io.runway.core.judge.MannWhitneyOptions;
import io.runway.core.judge.Percentile;
import io.runway.core.judge.SequentialJudge;
import io.runway.core.judge.SequentialOptions;
import io.runway.core.judge.ThresholdJudge;
import io.runway.core.judge.ThresholdOptions;
import io.runway.core.judge.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time to mitigate a bad canary: from its first error response to the ROLLBACK verdict (the controller
 * sets canary weight 0 in the same tick), at 200 requests/s with a 1% canary share, over seeded runs.
 * Traffic is drawn in 1 s ticks; the first error's time inside its tick is the earliest of that tick's
 * canary errors, each uniform in the tick (Poisson arrivals). Each judge measures at its own interval.
 */
final class MitigationSimulation {
    static final double SHARE = 0.01;
    static final int TICK_SECONDS = 1;
    static final int MAX_TICKS = 1800;
    static final double[] CANARY_ERROR_RATES = {0.05, 0.10, 0.25, 1.0};
    static final double[] BASELINE_ERROR_RATES = {0.0, 0.005};
    static final double TARGET_SECONDS = 10;

    private MitigationSimulation() {
    }

    static List<Contender> contenders() {
        ThresholdOptions flagger = ThresholdOptions.flaggerDefaults().withMaxLatency(Percentile.P99, Double.NaN);
        return List.of(
                new Contender("sequential (ours), demo gate: 1 s, min 20", new SequentialJudge(gateOptions(1, 20)), 1),
                new Contender("sequential (ours), spec default: 5 s, min 50", new SequentialJudge(gateOptions(5, 50)), 5),
                new Contender("flagger-style threshold (60 s)", new ThresholdJudge(flagger), 60),
                new Contender("kayenta-style mann-whitney (60 s)", new MannWhitneyJudge(MannWhitneyOptions.DEFAULT), 60));
    }

    /** The options the rollout controller's gate builds from {@code analysis: {interval, minimumRequests}}. */
    static SequentialOptions gateOptions(int intervalSeconds, int minimumRequests) {
        return SequentialOptions.DEFAULT
                .withMinimumRequests(minimumRequests, minimumRequests)
                .withInterval(Duration.ofSeconds(intervalSeconds))
                .withTimeLimit(Duration.ofMinutes(5));
    }

    /** One judge on one (canary, baseline) error-rate cell: seconds to mitigate per run, NaN when not rolled back. */
    record Cell(String judge, double canaryErrorRate, double baselineErrorRate, double[] seconds) {

        double rolledBack() {
            return (double) Arrays.stream(seconds).filter(s -> !Double.isNaN(s)).count() / seconds.length;
        }

        double within(double limit) {
            return (double) Arrays.stream(seconds).filter(s -> s < limit).count() / seconds.length;
        }

        double[] sorted() {
            return Arrays.stream(seconds).filter(s -> !Double.isNaN(s)).sorted().toArray();
        }

        double mean() {
            return Arrays.stream(sorted()).average().orElse(Double.NaN);
        }

        double percentile(double q) {
            double[] sorted = sorted();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    static List<Cell> run(int rollouts) {
        List<Cell> cells = new ArrayList<>();
        int cell = 0;
        for (double baselineRate : BASELINE_ERROR_RATES) {
            for (double canaryRate : CANARY_ERROR_RATES) {
                TrafficModel traffic = new TrafficModel((long) JudgeSimulation.REQUESTS_PER_SECOND * TICK_SECONDS,
                        SHARE, canaryRate, baselineRate);
                List<Contender> contenders = contenders();
                double[][] seconds = new double[contenders.size()][rollouts];
                for (int i = 0; i < rollouts; i++) {
                    long seed = 3_000_000L + cell * 10_000L + i;
                    long[][] ticks = traffic.generate(seed, MAX_TICKS);
                    double firstError = firstErrorSeconds(ticks, new SplittableRandom(~seed));
                    for (int c = 0; c < contenders.size(); c++) {
                        Outcome outcome = JudgeSimulation.judge(contenders.get(c), ticks, TICK_SECONDS);
                        seconds[c][i] = outcome.verdict() == Verdict.ROLLBACK && !Double.isNaN(firstError)
                                ? (double) outcome.ticks() * TICK_SECONDS - firstError : Double.NaN;
                    }
                }
                for (int c = 0; c < contenders.size(); c++) {
                    cells.add(new Cell(contenders.get(c).name(), canaryRate, baselineRate, seconds[c]));
                }
                cell++;
            }
        }
        return cells;
    }

    /** When the canary's first error was answered: the earliest of k uniform times in the first tick with k > 0 errors. */
    static double firstErrorSeconds(long[][] ticks, SplittableRandom random) {
        for (int t = 0; t < ticks.length; t++) {
            long errors = ticks[t][1];
            if (errors > 0) {
                double earliest = 1 - Math.pow(1 - random.nextDouble(), 1.0 / errors);
                return (t + earliest) * TICK_SECONDS;
            }
        }
        return Double.NaN;
    }

    static String table(List<Cell> cells) {
        StringBuilder out = new StringBuilder();
        out.append("| baseline errors | canary errors | judge | rolled back | first error → ROLLBACK, s: mean / p50 / p95 "
                + "| all runs mitigated < 10 s |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f%% | %.1f / %.1f / %.1f | %.1f%% |%n",
                    percent(c.baselineErrorRate()), percent(c.canaryErrorRate()), c.judge(), 100 * c.rolledBack(),
                    c.mean(), c.percentile(0.5), c.percentile(0.95), 100 * c.within(TARGET_SECONDS)));
        }
        return out.toString();
    }

    static String percent(double rate) {
        return rate == 0 ? "0%" : String.format(Locale.ROOT, "%s%%", trim(100 * rate));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
