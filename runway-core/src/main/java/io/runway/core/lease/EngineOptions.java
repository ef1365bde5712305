package io.runway.core.lease;

import java.time.Duration;

/**
 * Tuning of a {@link LeaseEngine}.
 *
 * @param tickInterval how often expiry, timeouts and cooldowns are checked; {@link Duration#ZERO} turns
 *     the automatic tick off (tests then call {@link LeaseEngine#tick()} after moving their clock)
 * @param maxEndedLeases at most this many ended leases (with their audit trails) are kept for reads and
 *     idempotent release, whatever the time retention says; bounds memory and GC work at high rates
 * @param maxCommandsPerBatch commands decided together and made durable with one store commit
 */
public record EngineOptions(Duration tickInterval, int maxEndedLeases, int maxCommandsPerBatch) {
    public static final EngineOptions DEFAULT = new EngineOptions(Duration.ofMillis(200), 10_000, 4096);

    public EngineOptions {
        if (tickInterval.isNegative() || tickInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("tickInterval must be between 0 and 1s: expiry is enforced within one second");
        }
        if (maxEndedLeases < 0 || maxCommandsPerBatch < 1) {
            throw new IllegalArgumentException("maxEndedLeases >= 0 and maxCommandsPerBatch >= 1 required");
        }
    }

    public EngineOptions withTickInterval(Duration interval) {
        return new EngineOptions(interval, maxEndedLeases, maxCommandsPerBatch);
    }

    public EngineOptions withMaxEndedLeases(int max) {
        return new EngineOptions(tickInterval, max, maxCommandsPerBatch);
    }
}
