package io.runway.cli.demo;

import java.time.Duration;

/**
 * When requests are due in an open-loop run: request {@code i} (from 0) is due at {@code i / rate} seconds,
 * whether or not earlier ones have been answered, so a slow server does not slow the offered load.
 */
record OpenLoopSchedule(double ratePerSecond, Duration duration, long maxRequests) {

    /** How many requests are due once {@code elapsed} has passed, within both bounds. */
    long dueBy(Duration elapsed) {
        if (isOver(elapsed)) {
            return Math.min(maxRequests, (long) Math.ceil(duration.toNanos() * ratePerSecond / 1e9));
        }
        long due = (long) Math.floor(elapsed.toNanos() * ratePerSecond / 1e9) + 1;
        return Math.min(maxRequests, due);
    }

    /** No request is due at or after the end of the duration. */
    boolean isOver(Duration elapsed) {
        return elapsed.compareTo(duration) >= 0;
    }
}
