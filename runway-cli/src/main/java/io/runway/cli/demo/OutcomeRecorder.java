package io.runway.cli.demo;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Collects answers per version for a {@link LoadReport}. Thread-safe. */
final class OutcomeRecorder {
    static final String NO_VERSION = "(none)";

    private final Map<String, Tally> tallies = new HashMap<>();

    synchronized void answered(String version, int status, long latencyNanos) {
        Tally t = tallies.computeIfAbsent(version == null ? NO_VERSION : version, v -> new Tally());
        switch (status / 100) {
            case 2 -> t.ok++;
            case 5 -> t.serverErrors++;
            default -> t.other++;
        }
        t.add(latencyNanos);
    }

    synchronized void failed(long latencyNanos) {
        Tally t = tallies.computeIfAbsent(NO_VERSION, v -> new Tally());
        t.errors++;
        t.add(latencyNanos);
    }

    synchronized LoadReport report(long sent, long dropped) {
        Map<String, LoadReport.VersionOutcome> out = new HashMap<>();
        tallies.forEach((version, t) -> out.put(version, t.outcome()));
        return new LoadReport(sent, dropped, out);
    }

    private static final class Tally {
        long ok;
        long serverErrors;
        long other;
        long errors;
        long[] latencies = new long[64];
        int count;

        void add(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        LoadReport.VersionOutcome outcome() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return new LoadReport.VersionOutcome(ok, serverErrors, other, errors, rank(sorted, 0.50), rank(sorted, 0.90),
                    rank(sorted, 0.99), rank(sorted, 1.0));
        }

        /** Nearest-rank percentile. */
        private static Duration rank(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Duration.ZERO;
            }
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
        }
    }
}
