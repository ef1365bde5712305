package io.runway.core.judge;

/** Latency percentiles the metric sources report. */
public enum Percentile {
    P50,
    P95,
    P99
}
