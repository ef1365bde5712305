package io.runway.cli.demo;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a load run.
 *
 * @param sent requests sent
 * @param dropped requests that were due while the in-flight bound was reached, so never sent
 * @param byVersion outcomes grouped by the {@code X-Runway-Version} response header; {@code (none)} when absent
 *     or when no response came
 */
public record LoadReport(long sent, long dropped, Map<String, VersionOutcome> byVersion) {
    public LoadReport {
        byVersion = Map.copyOf(byVersion);
    }

    /**
     * @param errors requests that got no response (refused, reset, timed out)
     * @param other 1xx, 3xx and 4xx answers
     */
    public record VersionOutcome(long ok, long serverErrors, long other, long errors, Duration p50, Duration p90,
                                 Duration p99, Duration max) {
        public long total() {
            return ok + serverErrors + other + errors;
        }
    }

    /** One line per version, sorted. */
    public String describe() {
        StringBuilder b = new StringBuilder("sent " + sent + ", dropped " + dropped + "\n");
        new TreeMap<>(byVersion).forEach((version, o) -> b.append(String.format(
                "  %-12s 2xx %d  5xx %d  other %d  errors %d  p50 %dms  p90 %dms  p99 %dms  max %dms%n", version, o.ok(),
                o.serverErrors(), o.other(), o.errors(), o.p50().toMillis(), o.p90().toMillis(), o.p99().toMillis(),
                o.max().toMillis())));
        return b.toString();
    }
}
