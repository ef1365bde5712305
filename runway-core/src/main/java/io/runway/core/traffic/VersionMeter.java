package io.runway.core.traffic;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts the requests of one version. Recording is wait-free (an HdrHistogram {@link Recorder} and a
 * {@link LongAdder}); only taking a snapshot locks, and only against other snapshots.
 */
public final class VersionMeter {
    private final Recorder recorder = new Recorder(LatencyHistogram.HIGHEST_MICROS, LatencyHistogram.SIGNIFICANT_DIGITS);
    private final LongAdder errors = new LongAdder();
    private final Histogram cumulative = LatencyHistogram.newHistogram(); // guarded by this
    private Histogram recycled; // guarded by this

    /** One completed request: its latency, and whether it failed (5xx or no answer from the backend). */
    public void record(long latencyNanos, boolean error) {
        recorder.recordValue(LatencyHistogram.clampMicros(latencyNanos / 1_000));
        // After the latency, so a snapshot (errors first, then latency) never shows more errors than requests.
        if (error) {
            errors.increment();
        }
    }

    /**
     * A request already recorded as a success failed afterwards (its backend died in the middle of the
     * body): it counts as an error now too. Never more errors than requests, since it was recorded first.
     */
    public void failedAfterRecording() {
        errors.increment();
    }

    /** Cumulative traffic so far. Requests are the latency count, so the two always agree. */
    public synchronized VersionTraffic snapshot() {
        long errorCount = errors.sum();
        Histogram interval = recorder.getIntervalHistogram(recycled);
        cumulative.add(interval);
        recycled = interval;
        LatencyHistogram latency = new LatencyHistogram(cumulative.copy());
        return new VersionTraffic(latency.count(), Math.min(errorCount, latency.count()), latency);
    }
}
