package io.runway.bench;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A warm-up followed by a measured window. Work counts only while {@link #measuring()}; the rate is the
 * count over the window's real length, taken with the monotonic clock.
 */
final class Window {
    private final Duration warmup;
    private final Duration measure;
    private final LongAdder done = new LongAdder();
    private volatile boolean measuring;
    private volatile boolean stopping;
    private long startedNanos;
    private long endedNanos;

    Window(Duration warmup, Duration measure) {
        this.warmup = warmup;
        this.measure = measure;
    }

    /** Blocks through the warm-up and the measured window, then asks the workload to stop. */
    void run() throws InterruptedException {
        Thread.sleep(warmup.toMillis());
        startedNanos = System.nanoTime();
        measuring = true;
        Thread.sleep(measure.toMillis());
        measuring = false;
        endedNanos = System.nanoTime();
        stopping = true;
    }

    boolean measuring() {
        return measuring;
    }

    boolean stopping() {
        return stopping;
    }

    /** Counts one completed unit of work if the window is open. */
    void completed() {
        if (measuring) {
            done.increment();
        }
    }

    long count() {
        return done.sum();
    }

    double seconds() {
        return (endedNanos - startedNanos) / 1e9;
    }

    double perSecond() {
        return count() / seconds();
    }
}
