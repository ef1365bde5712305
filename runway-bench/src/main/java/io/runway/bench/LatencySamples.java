package io.runway.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies in nanoseconds, recorded from any thread into a fixed array (no allocation on the measured
 * path). Samples beyond the capacity are counted but not kept, so percentiles are over the first ones.
 */
final class LatencySamples {
    private final long[] nanos;
    private final AtomicInteger next = new AtomicInteger();

    LatencySamples(int capacity) {
        this.nanos = new long[capacity];
    }

    void record(long latencyNanos) {
        int i = next.getAndIncrement();
        if (i < nanos.length) {
            nanos[i] = latencyNanos;
        }
    }

    /** Call once recording threads are done (the scenario joins them, which publishes the writes). */
    Summary summarize() {
        int n = Math.min(next.get(), nanos.length);
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new Summary(n, at(sorted, 0.50), at(sorted, 0.99), n == 0 ? 0 : sorted[n - 1]);
    }

    private static long at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, rank)];
    }

    /** Percentiles in nanoseconds over {@code count} samples (nearest-rank). */
    record Summary(int count, long p50, long p99, long max) implements java.io.Serializable {
        double p50Millis() {
            return p50 / 1e6;
        }

        double p99Millis() {
            return p99 / 1e6;
        }

        double maxMillis() {
            return max / 1e6;
        }
    }
}
