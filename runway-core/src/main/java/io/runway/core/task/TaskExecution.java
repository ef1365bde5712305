package io.runway.core.task;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One launched attempt, as seen by the scheduler. */
public interface TaskExecution {
    /** Completes (with a description of where it runs) when the command started; may never complete. */
    CompletableFuture<String> started();

    /** Completes with the attempt's end; a launcher failure may complete it exceptionally (counted as failed). */
    CompletableFuture<TaskOutcome> outcome();

    /** Stops the attempt (timeout, deadline, shutdown); idempotent; {@link #outcome} still completes. */
    void cancel(String reason);

    /**
     * Calls {@code listener} with the placement's current status (if any yet) and again whenever it changes
     * (queued, waiting for capacity, blocked with its reason, placed with its lease). Launchers that do not
     * place (the local launcher) never call it.
     */
    default void onPlacement(Consumer<TaskPlacementStatus> listener) {
    }
}
