package io.runway.core.lease;

import io.runway.core.error.RunwayException;
import io.runway.core.error.UnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's single writer: callers enqueue commands from any thread; one drain task at a time (on the
 * host's executor) decides up to a batch of them against the book and hands the batch on, to the
 * {@link BatchCommitter} (one store, pipelined group commit) or to {@link SharedBatches} (several
 * controllers, one batch in flight).
 */
final class CommandDrain {
    private final ConcurrentLinkedQueue<EngineCommand> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final EngineState state;
    private final Clock clock;
    private final Executor executor;
    private final int maxCommandsPerBatch;
    private final BatchCommitter committer;
    private final StatsCounter counters;
    /** Null on a single-controller store. */
    private final SharedBatches shared;
    /** Asks for a tick (decided in a later batch). */
    private final Runnable tick;

    CommandDrain(EngineState state, Clock clock, Executor executor, int maxCommandsPerBatch, BatchCommitter committer,
                 StatsCounter counters, SharedBatches shared, Runnable tick) {
        this.state = state;
        this.clock = clock;
        this.executor = executor;
        this.maxCommandsPerBatch = maxCommandsPerBatch;
        this.committer = committer;
        this.counters = counters;
        this.shared = shared;
        this.tick = tick;
    }

    void submit(EngineCommand command) {
        if (state.closed || state.failure != null) {
            command.reject(state.failure != null ? state.failure
                    : new UnavailableException("the lease engine is closed", null));
            return;
        }
        inbox.add(command);
        if (queued.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    /** Decides up to one batch of queued commands, then hands the batch to the store. */
    private void drain() {
        Changes ch = new Changes();
        Instant now = clock.instant();
        List<EngineCommand> applied = shared == null ? null : new ArrayList<>();
        if (shared != null && state.failure == null) {
            shared.beforeBatch(now, ch);
        }
        int max = shared == null ? maxCommandsPerBatch : Math.min(SharedBatches.MAX_COMMANDS, maxCommandsPerBatch);
        int done = 0;
        EngineCommand c;
        while (done < max && (c = inbox.poll()) != null) {
            done++;
            if (state.failure != null) {
                c.reject(state.failure);
                continue;
            }
            try {
                if (applied != null) {
                    applied.add(c);
                }
                c.apply(now, ch);
            } catch (RunwayException e) {
                c.reject(e);
            } catch (RuntimeException | Error e) {
                state.fail(new UnavailableException("lease engine failed: " + e, e));
                c.reject(state.failure);
            }
        }
        try {
            if (state.failure != null) {
                // The book may be half-updated: store nothing of this batch and answer no one with success.
                ch.failReplies(state.failure);
            } else {
                state.book.dispatch(now, ch);
                if (shared != null) {
                    int settled = done;
                    shared.commit(ch, applied, () -> finishDrain(settled), 0); // finishes once the batch is settled
                    return;
                }
                committer.commit(ch);
            }
        } catch (RuntimeException | Error e) {
            state.fail(new UnavailableException("lease engine failed: " + e, e));
            ch.failReplies(state.failure);
        }
        finishDrain(done);
    }

    private void finishDrain(int done) {
        if (shared != null && state.book.overBudget && state.failure == null) {
            state.book.overBudget = false;
            tick.run(); // work left over for want of room in the batch: another batch right away
        }
        counters.commands.add(done);
        if (queued.addAndGet(-done) > 0) {
            executor.execute(this::drain);
        }
    }
}
