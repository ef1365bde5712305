package io.runway.core.lease;

import io.runway.core.error.RunwayException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** A decision to take on the engine's writer, given the time and the batch it joins. */
interface EngineCommand {
    void apply(Instant now, Changes ch);

    void reject(RunwayException e);

    /**
     * Whether a refused batch (multi-controller) decides this command again on the rebuilt book. Not so
     * for a new request: its waiter is carried over into the new book instead.
     */
    default boolean replayable() {
        return true;
    }

    /** A command that runs {@code body} and, if refused, fails {@code reply}. */
    static EngineCommand replyingTo(CompletableFuture<?> reply, BiConsumer<Instant, Changes> body) {
        return new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                body.accept(now, ch);
            }

            public void reject(RunwayException e) {
                reply.completeExceptionally(e);
            }
        };
    }
}
