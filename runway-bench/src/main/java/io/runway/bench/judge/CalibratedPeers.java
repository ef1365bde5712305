package io.runway.bench.judge;

import io.runway.bench.judge.JudgeSimulation.Contender;
import io.runway.bench.judge.JudgeSimulation.Outcome;
import io.runway.core.judge.MannWhitneyJudge;
import io.runway.core.judge.MannWhitneyOptions;
import io.runway.core.judge.Percentile;
import io.runway.core.judge.ThresholdJudge;
import io.runway.core.judge.ThresholdOptions;
import io.runway.core.judge.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The peers given their best chance: each peer's knobs are swept, and of the settings whose
 * false-rollback rate on the healthy rollouts is at most 1%, two are shown: the one that misses the
 * fewest faulty canaries, and the one that needs the fewest requests while missing no more faulty
 * canaries than ours does (if any). Same seeded traffic as the defaults table. The calibration is
 * in-sample (chosen on the very rollouts it is scored on), which flatters the peers.
 */
final class CalibratedPeers {
    static final double MAX_FALSE_ROLLBACKS = 0.01;

    private CalibratedPeers() {
    }

    /** One setting of a peer scored on both kinds of canary. */
    record Scored(Contender contender, ScenarioResult healthy, ScenarioResult faulty) {
        double falseRollbacks() {
            return healthy.share(Verdict.ROLLBACK);
        }

        double missed() {
            return 1 - faulty.share(Verdict.ROLLBACK);
        }
    }

    static List<Contender> flaggerSettings() {
        List<Contender> out = new ArrayList<>();
        for (double maxErrorRate : new double[] {0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05}) {
            for (int failureLimit = 0; failureLimit <= 4; failureLimit++) {
                for (int checks : new int[] {1, 3, 5, 10}) {
                    ThresholdOptions options = ThresholdOptions.flaggerDefaults()
                            .withMaxLatency(Percentile.P99, Double.NaN)
                            .withMaxErrorRate(maxErrorRate).withFailureLimit(failureLimit).withRequiredChecks(checks)
                            .withTimeLimit(Duration.ofMinutes(30));
                    String name = String.format(Locale.ROOT, "flagger-style (60 s; success rate ≥ %s%%, threshold %d, %d checks)",
                            trim(100 - 100 * maxErrorRate), failureLimit + 1, checks);
                    out.add(new Contender(name, new ThresholdJudge(options), 6));
                }
            }
        }
        return out;
    }

    static List<Contender> kayentaSettings() {
        List<Contender> out = new ArrayList<>();
        for (double confidence : new double[] {0.98, 0.99, 0.995, 0.999, 0.9995, 0.9999}) {
            for (int minutes : new int[] {10, 20, 30}) {
                MannWhitneyOptions options = new MannWhitneyOptions(confidence, 1.0, 3, Duration.ofSeconds(60),
                        Duration.ofMinutes(minutes));
                String name = String.format(Locale.ROOT, "kayenta-style (60 s; confidence %s, %d min)",
                        trim(confidence), minutes);
                out.add(new Contender(name, new MannWhitneyJudge(options), 6));
            }
        }
        return out;
    }

    static String run(int rollouts) {
        StringBuilder out = new StringBuilder();
        out.append("| share | judge (setting) | healthy rolled back | faulty: canary requests to verdict mean / p50 / p95 "
                + "| faulty rolled back | faulty missed (promoted or undecided) | ours ÷ this, mean faulty requests |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (double share : new double[] {0.01, 0.05}) {
            long[][][] healthy = traffic(share, false, rollouts);
            long[][][] faulty = traffic(share, true, rollouts);
            Scored ours = score(JudgeSimulation.contenders().get(0), share, healthy, faulty);
            row(out, share, ours, ours, "");
            for (List<Contender> settings : List.of(flaggerSettings(), kayentaSettings())) {
                List<Scored> calibrated = settings.stream().map(c -> score(c, share, healthy, faulty))
                        .filter(s -> s.falseRollbacks() <= MAX_FALSE_ROLLBACKS).toList();
                if (calibrated.isEmpty()) {
                    out.append(String.format(Locale.ROOT, "| %.0f%% | %s: no setting with ≤ 1%% false rollbacks | | | | | |%n",
                            100 * share, settings.get(0).name()));
                    continue;
                }
                Comparator<Scored> byRequests = Comparator.comparingDouble(s -> s.faulty().meanCanaryRequests());
                Scored mostPower = calibrated.stream()
                        .min(Comparator.comparingDouble(Scored::missed).thenComparing(byRequests)).orElseThrow();
                row(out, share, mostPower, ours, "fewest missed");
                calibrated.stream().filter(s -> s.missed() <= ours.missed()).min(byRequests)
                        .filter(s -> s != mostPower)
                        .ifPresent(s -> row(out, share, s, ours, "fewest requests missing ≤ ours"));
            }
        }
        return out.toString();
    }

    private static Scored score(Contender contender, double share, long[][][] healthy, long[][][] faulty) {
        return new Scored(contender, result(contender, share, false, healthy), result(contender, share, true, faulty));
    }

    private static ScenarioResult result(Contender contender, double share, boolean faulty, long[][][] runs) {
        List<Outcome> outcomes = new ArrayList<>(runs.length);
        for (long[][] ticks : runs) {
            outcomes.add(JudgeSimulation.judge(contender, ticks));
        }
        return new ScenarioResult(contender.name(), share, faulty, outcomes);
    }

    /** The defaults table's traffic, by the same seeds. */
    private static long[][][] traffic(double share, boolean faulty, int rollouts) {
        TrafficModel model = JudgeSimulation.traffic(share, faulty);
        long[][][] runs = new long[rollouts][][];
        for (int i = 0; i < rollouts; i++) {
            runs[i] = model.generate(JudgeSimulation.seed(share, faulty, i), JudgeSimulation.MAX_TICKS);
        }
        return runs;
    }

    private static void row(StringBuilder out, double share, Scored s, Scored ours, String pick) {
        ScenarioResult f = s.faulty();
        out.append(String.format(Locale.ROOT, "| %.0f%% | %s%s | %.1f%% | %.0f / %d / %d | %.1f%% | %.1f%% | %.2f |%n",
                100 * share, s.contender().name(), pick.isEmpty() ? "" : " [" + pick + "]", 100 * s.falseRollbacks(),
                f.meanCanaryRequests(), f.canaryRequestsPercentile(0.5), f.canaryRequestsPercentile(0.95),
                100 * f.share(Verdict.ROLLBACK), 100 * s.missed(),
                ours.faulty().meanCanaryRequests() / f.meanCanaryRequests()));
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
