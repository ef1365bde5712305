package io.runway.bench.router;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What a closed-loop run measured against one target; latencies in microseconds. {@code cpuSeconds} is the
 * CPU the target's own processes used during the measured window, NaN when not tracked.
 */
record LoadResult(String target, int connections, double seconds, long ok, long failed, Histogram latency,
                  double cpuSeconds) {

    double throughput() {
        return ok / seconds;
    }

    double percentileMillis(double p) {
        return latency.getValueAtPercentile(p) / 1_000.0;
    }

    /** CPU microseconds the target's processes spent per completed request; NaN when not tracked. */
    double cpuMicrosPerRequest() {
        return ok == 0 ? Double.NaN : cpuSeconds * 1e6 / ok;
    }

    String row() {
        String cpu = Double.isNaN(cpuSeconds) ? "-" : String.format(Locale.ROOT, "%.1f", cpuMicrosPerRequest());
        return String.format(Locale.ROOT, "| %-10s | %4d | %9.0f | %7.3f | %7.3f | %7.3f | %8.3f | %6d | %9s |",
                target, connections, throughput(), percentileMillis(50), percentileMillis(99),
                percentileMillis(99.9), latency.getMaxValue() / 1_000.0, failed, cpu);
    }

    static String header() {
        return "| target     | conn | req/s     | p50 ms  | p99 ms  | p99.9ms | max ms   | errors | cpu us/req|\n"
             + "|------------|------|-----------|---------|---------|---------|----------|--------|-----------|";
    }
}
