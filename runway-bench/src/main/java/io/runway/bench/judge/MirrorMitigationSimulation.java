package io.runway.bench.judge;

import io.runway.bench.judge.JudgeSimulation.Contender;
import io.runway.bench.judge.JudgeSimulation.Outcome;
import io.runway.core.judge.SequentialJudge;
import io.runway.core.judge.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time to mitigate a bad canary when the rollout also mirrors a share of the baseline's requests to it
 * ({@code analysis.mirror}): same traffic as {@link MitigationSimulation} (200 requests/s, 1% canary
 * share, 1 s ticks), plus per tick a binomial share of the baseline's requests copied to the canary, which
 * fails them at its own error rate. The gate judges served and mirrored requests together.
 *
 * <p>The clock starts at the canary's first bad response of either kind, mirrored or served, which is
 * never later than the first one a client saw. The table also counts the runs in which no client got an
 * error from the canary before the rollback, and the mean number of such errors.
 */
final class MirrorMitigationSimulation {
    static final double[] MIRROR_SHARES = {0.0, 0.05, 0.10, 0.25};
    static final double[] CANARY_ERROR_RATES = {0.05, 0.10};
    static final double HEALTHY_ERROR_RATE = 0.005;

    private MirrorMitigationSimulation() {
    }

    static List<Contender> contenders() {
        return List.of(
                new Contender("sequential (ours), demo gate: 1 s, min 20",
                        new SequentialJudge(MitigationSimulation.gateOptions(1, 20)), 1),
                new Contender("sequential (ours), spec default: 5 s, min 50",
                        new SequentialJudge(MitigationSimulation.gateOptions(5, 50)), 5));
    }

    /** One cell: seconds to mitigate per run (NaN when not rolled back) and client-visible errors before it. */
    record Row(MitigationSimulation.Cell cell, double mirrorShare, long[] clientErrors) {
        double noClientError() {
            long clean = 0;
            for (int i = 0; i < clientErrors.length; i++) {
                if (clientErrors[i] == 0 && !Double.isNaN(cell.seconds()[i])) {
                    clean++;
                }
            }
            return (double) clean / clientErrors.length;
        }

        double meanClientErrors() {
            long sum = 0;
            for (long e : clientErrors) {
                sum += e;
            }
            return (double) sum / clientErrors.length;
        }
    }

    static List<Row> run(int rollouts) {
        List<Row> rows = new ArrayList<>();
        int cell = 0;
        for (double baselineRate : MitigationSimulation.BASELINE_ERROR_RATES) {
            for (double canaryRate : CANARY_ERROR_RATES) {
                for (double mirror : MIRROR_SHARES) {
                    rows.addAll(runCell(rollouts, cell++, baselineRate, canaryRate, mirror));
                }
            }
        }
        // Healthy canaries (errors like the baseline's): "rolled back" is then the false-rollback rate.
        for (double mirror : MIRROR_SHARES) {
            rows.addAll(runCell(rollouts, cell++, HEALTHY_ERROR_RATE, HEALTHY_ERROR_RATE, mirror));
        }
        return rows;
    }

    private static List<Row> runCell(int rollouts, int cell, double baselineRate, double canaryRate, double mirror) {
        TrafficModel traffic = new TrafficModel((long) JudgeSimulation.REQUESTS_PER_SECOND
                * MitigationSimulation.TICK_SECONDS, MitigationSimulation.SHARE, canaryRate, baselineRate, mirror);
        List<Contender> contenders = contenders();
        double[][] seconds = new double[contenders.size()][rollouts];
        long[][] clientErrors = new long[contenders.size()][rollouts];
        for (int i = 0; i < rollouts; i++) {
            long seed = 5_000_000L + cell * 10_000L + i;
            long[][] ticks = traffic.generate(seed, MitigationSimulation.MAX_TICKS);
            double firstBad = firstBadSeconds(ticks, new SplittableRandom(~seed));
            for (int c = 0; c < contenders.size(); c++) {
                Outcome outcome = JudgeSimulation.judge(contenders.get(c), ticks, MitigationSimulation.TICK_SECONDS);
                seconds[c][i] = outcome.verdict() == Verdict.ROLLBACK && !Double.isNaN(firstBad)
                        ? (double) outcome.ticks() * MitigationSimulation.TICK_SECONDS - firstBad : Double.NaN;
                clientErrors[c][i] = clientErrorsUntil(ticks, outcome.ticks());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < contenders.size(); c++) {
            rows.add(new Row(new MitigationSimulation.Cell(contenders.get(c).name(), canaryRate, baselineRate,
                    seconds[c]), mirror, clientErrors[c]));
        }
        return rows;
    }

    /** The first bad response of either kind: the earliest of the first erring tick's errors, each uniform in it. */
    static double firstBadSeconds(long[][] ticks, SplittableRandom random) {
        for (int t = 0; t < ticks.length; t++) {
            long errors = ticks[t][TrafficModel.CANARY_ERRORS] + ticks[t][TrafficModel.MIRRORED_ERRORS];
            if (errors > 0) {
                double earliest = 1 - Math.pow(1 - random.nextDouble(), 1.0 / errors);
                return (t + earliest) * MitigationSimulation.TICK_SECONDS;
            }
        }
        return Double.NaN;
    }

    /** Errors the canary served to clients in the ticks before the verdict took its weight away. */
    static long clientErrorsUntil(long[][] ticks, int verdictTicks) {
        long errors = 0;
        for (int t = 0; t < Math.min(verdictTicks, ticks.length); t++) {
            errors += ticks[t][TrafficModel.CANARY_ERRORS];
        }
        return errors;
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| baseline errors | canary errors | mirror | judge | rolled back | first bad response → ROLLBACK, s:"
                + " mean / p50 / p95 | all runs mitigated < 10 s | rolled back before any client saw a canary error"
                + " | canary errors clients saw (mean) |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            MitigationSimulation.Cell c = r.cell();
            String times = c.rolledBack() == 0 ? "-" : String.format(Locale.ROOT, "%.1f / %.1f / %.1f", c.mean(),
                    c.percentile(0.5), c.percentile(0.95));
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f%% | %s | %.1f%% | %.1f%% | %.2f |%n",
                    MitigationSimulation.percent(c.baselineErrorRate()), MitigationSimulation.percent(c.canaryErrorRate()),
                    r.mirrorShare() == 0 ? "off" : MitigationSimulation.percent(r.mirrorShare()), c.judge(),
                    100 * c.rolledBack(), times, 100 * c.within(MitigationSimulation.TARGET_SECONDS),
                    100 * r.noClientError(), r.meanClientErrors()));
        }
        return out.toString();
    }
}
