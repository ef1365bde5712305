package io.runway.core.traffic;

import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * An immutable latency distribution (HdrHistogram inside, microsecond resolution, 2 significant digits,
 * up to {@link #HIGHEST}; longer requests are recorded as {@link #HIGHEST}). Snapshots subtract, so a
 * judge can look at the requests of one interval, and add, so versions or routers can be merged.
 */
public final class LatencyHistogram {

    public static final Duration HIGHEST = Duration.ofMinutes(10);

    static final long HIGHEST_MICROS = HIGHEST.toNanos() / 1_000;
    // 2 digits = 1% value precision, enough to judge latency, and keeps each copy around 25 KB.
    static final int SIGNIFICANT_DIGITS = 2;

    private static final LatencyHistogram EMPTY = new LatencyHistogram(newHistogram());

    private final Histogram histogram; // never modified once this object is constructed

    LatencyHistogram(Histogram histogram) {
        this.histogram = histogram;
    }

    public static LatencyHistogram empty() {
        return EMPTY;
    }

    /** A histogram of the given samples; mostly for tests and for judges fed from other sources. */
    public static LatencyHistogram of(Duration... samples) {
        Histogram h = newHistogram();
        for (Duration sample : samples) {
            h.recordValue(clampMicros(sample.toNanos() / 1_000));
        }
        return new LatencyHistogram(h);
    }

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    static long clampMicros(long micros) {
        return Math.max(0, Math.min(micros, HIGHEST_MICROS));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0-100) in milliseconds; 0 when empty (check {@link #count()}). */
    public double percentileMillis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double p50Millis() {
        return percentileMillis(50);
    }

    public double p90Millis() {
        return percentileMillis(90);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    public double maxMillis() {
        return histogram.getMaxValue() / 1_000.0;
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        Histogram sum = histogram.copy();
        sum.add(other.histogram);
        return new LatencyHistogram(sum);
    }

    /**
     * The requests recorded here but not in {@code earlier}, an earlier snapshot of the same counter.
     * The max of an interval is approximate: it is the highest value still present after subtraction.
     *
     * @throws IllegalArgumentException if {@code earlier} holds requests this one does not
     */
    public LatencyHistogram minus(LatencyHistogram earlier) {
        Histogram difference = histogram.copy();
        difference.subtract(earlier.histogram);
        return new LatencyHistogram(difference);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "count=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms",
                count(), p50Millis(), p90Millis(), p99Millis(), maxMillis());
    }
}
