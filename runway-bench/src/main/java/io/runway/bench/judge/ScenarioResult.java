package io.runway.bench.judge;

import io.runway.bench.judge.JudgeSimulation.Outcome;
import io.runway.core.judge.Verdict;
import java.util.List;
import java.util.Locale;

/** Summary of one judge on one scenario: requests until the verdict and how the verdicts split. */
record ScenarioResult(String judge, double share, boolean faulty, List<Outcome> outcomes) {

    ScenarioResult {
        outcomes = List.copyOf(outcomes);
    }

    double share(Verdict verdict) {
        return (double) outcomes.stream().filter(o -> o.verdict() == verdict).count() / outcomes.size();
    }

    double meanCanaryRequests() {
        return outcomes.stream().mapToLong(Outcome::canaryRequests).average().orElse(Double.NaN);
    }

    long canaryRequestsPercentile(double q) {
        long[] sorted = outcomes.stream().mapToLong(Outcome::canaryRequests).sorted().toArray();
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double meanTotalRequests() {
        return outcomes.stream().mapToLong(Outcome::totalRequests).average().orElse(Double.NaN);
    }

    static String table(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| share | canary | judge | canary requests to verdict: mean / p50 / p95 | all requests (mean) "
                + "| rolled back | promoted | inconclusive or undecided |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            out.append(String.format(Locale.ROOT, "| %.0f%% | %s | %s | %.0f / %d / %d | %.0f | %.1f%% | %.1f%% | %.1f%% |%n",
                    100 * r.share(), r.faulty() ? "faulty 2%" : "healthy 0.5%", r.judge(), r.meanCanaryRequests(),
                    r.canaryRequestsPercentile(0.5), r.canaryRequestsPercentile(0.95), r.meanTotalRequests(),
                    100 * r.share(Verdict.ROLLBACK), 100 * r.share(Verdict.PROMOTE),
                    100 * (r.share(Verdict.INCONCLUSIVE) + r.share(Verdict.CONTINUE))));
        }
        return out.toString();
    }
}
