package io.runway.bench.router;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What a closed-loop run measured against one target; latencies in microseconds. */
record LoadResult(String target, int connections, double seconds, long ok, long failed, Histogram latency) {

    double throughput() {
        return ok / seconds;
    }

    double percentileMillis(double p) {
        return latency.getValueAtPercentile(p) / 1_000.0;
    }

    String row() {
        return String.format(Locale.ROOT, "| %-10s | %4d | %9.0f | %7.3f | %7.3f | %7.3f | %8.3f | %6d |",
                target, connections, throughput(), percentileMillis(50), percentileMillis(99),
                percentileMillis(99.9), latency.getMaxValue() / 1_000.0, failed);
    }

    static String header() {
        return "| target     | conn | req/s     | p50 ms  | p99 ms  | p99.9ms | max ms   | errors |\n"
             + "|------------|------|-----------|---------|---------|---------|----------|--------|";
    }
}
