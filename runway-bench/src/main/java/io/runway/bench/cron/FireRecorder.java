package io.runway.bench.cron;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Records, per schedule index, when it fired (epoch microseconds, wall clock), and tells lateness against
 * the instant it was due. Thread-safe; one slot per schedule, so a double fire is visible.
 */
final class FireRecorder {
    private final AtomicLongArray firedMicros;
    private final long dueMicros;
    private final CountDownLatch all;

    FireRecorder(int n, Instant due) {
        this.firedMicros = new AtomicLongArray(n);
        this.dueMicros = due.getEpochSecond() * 1_000_000L + due.getNano() / 1000;
        this.all = new CountDownLatch(n);
    }

    void fired(int index) {
        Instant now = Instant.now();
        if (firedMicros.compareAndSet(index, 0, now.getEpochSecond() * 1_000_000L + now.getNano() / 1000)) {
            all.countDown();
        }
    }

    /** Waits for every fire, printing progress every 10 s. */
    boolean await(long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return all.getCount() == 0;
            }
            if (all.await(Math.min(left, TimeUnit.SECONDS.toNanos(10)), TimeUnit.NANOSECONDS)) {
                return true;
            }
            System.out.printf("  ... %d of %d fired%n", firedMicros.length() - all.getCount(), firedMicros.length());
        }
    }

    static final Summary NOT_RUN = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    record Summary(int fired, double p50Ms, double p99Ms, double maxMs, double firstMs, double spanMs, double firesPerSecond) {}

    Summary summary() {
        long[] late = new long[firedMicros.length()];
        int n = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < firedMicros.length(); i++) {
            long f = firedMicros.get(i);
            if (f != 0) {
                late[n++] = f - dueMicros;
                first = Math.min(first, f);
                last = Math.max(last, f);
            }
        }
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        long[] sorted = Arrays.copyOf(late, n);
        Arrays.sort(sorted);
        double span = Math.max(1, last - first) / 1000.0;
        return new Summary(n, ms(sorted[(int) Math.floor(0.50 * (n - 1))]), ms(sorted[(int) Math.ceil(0.99 * (n - 1))]),
                ms(sorted[n - 1]), (first - dueMicros) / 1000.0, span, n / (span / 1000.0));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
