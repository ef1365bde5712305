package io.runway.core.judge;

/**
 * Latency percentiles of one version over the same window as its request counts. {@code NaN} means
 * "not reported".
 */
public record LatencySummary(double p50Millis, double p95Millis, double p99Millis) {
    public static final LatencySummary NONE = new LatencySummary(Double.NaN, Double.NaN, Double.NaN);

    public double at(Percentile percentile) {
        return switch (percentile) {
            case P50 -> p50Millis;
            case P95 -> p95Millis;
            case P99 -> p99Millis;
        };
    }
}
