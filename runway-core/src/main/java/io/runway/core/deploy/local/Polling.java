package io.runway.core.deploy.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Repeats an asynchronous check on the host's scheduler until it holds or a deadline passes. */
final class Polling {
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    Polling(ScheduledExecutorService scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Completes with true once {@code check} yields true, with false once {@code deadline} has passed
     * without that, and exceptionally if a check fails (which ends the polling).
     */
    CompletableFuture<Boolean> until(Supplier<CompletableFuture<Boolean>> check, Duration interval, Instant deadline) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        attempt(check, interval, deadline, result);
        return result;
    }

    private void attempt(Supplier<CompletableFuture<Boolean>> check, Duration interval, Instant deadline,
                         CompletableFuture<Boolean> result) {
        CompletableFuture<Boolean> one;
        try {
            one = check.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        one.whenComplete((held, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (held) {
                result.complete(true);
            } else if (!clock.instant().isBefore(deadline)) {
                result.complete(false);
            } else {
                scheduler.schedule(() -> attempt(check, interval, deadline, result),
                        interval.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    Instant deadlineAfter(Duration d) {
        return clock.instant().plus(d);
    }
}
