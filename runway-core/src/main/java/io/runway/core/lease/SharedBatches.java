package io.runway.core.lease;

import io.runway.core.error.ConflictException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import io.runway.core.error.UnavailableException;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.store.SharedStateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Multi-controller mode (a {@link SharedStateStore}: several controllers, one table): one batch in flight
 * at a time; a batch refused with {@link ConflictException} (another controller changed a record it decided
 * on) is not an error: read the records it touched, rebuild the book ({@link SharedSync}) and decide the
 * same commands again. Other controllers' writes, read by {@link #refresh()}, replace the book before the
 * next batch is decided.
 */
final class SharedBatches {
    /**
     * At most this many commands and this many record writes per batch, so that a batch fits one store
     * transaction (DynamoDB takes 100 items, one more is the fencing counter).
     */
    static final int MAX_COMMANDS = 24;
    private static final int WRITE_BUDGET = 90;
    /** Conflicts in a row after which a batch's callers hear "retry" (the engine goes on). */
    private static final int MAX_REDECISIONS = 100;

    private final SharedStateStore store;
    private final EngineState state;
    private final Clock clock;
    private final Executor executor;
    private final BatchCommitter committer;
    private final StatsCounter counters;
    private final Consumer<EngineCommand> submit;
    private final ConcurrentLinkedQueue<StoredState> news = new ConcurrentLinkedQueue<>();
    /** Touched only by the writer. */
    private SharedSync sync;

    SharedBatches(SharedStateStore store, EngineState state, Clock clock, Executor executor, BatchCommitter committer,
                  StatsCounter counters, Consumer<EngineCommand> submit) {
        this.store = store;
        this.state = state;
        this.clock = clock;
        this.executor = executor;
        this.committer = committer;
        this.counters = counters;
        this.submit = submit;
    }

    /** Start: controllers starting together may race to add the same resources; reload then. */
    void start(PoolsConfig config, Map<String, Provider> providers, int maxEnded) {
        for (int attempt = 1; ; attempt++) {
            Changes ch = new Changes();
            Instant now = clock.instant();
            StoredState loaded = store.load();
            state.book = BookLoader.load(config, providers, loaded, maxEnded, now, ch, true);
            state.book.tick(now, ch);
            sync = new SharedSync(config, providers, maxEnded, loaded, now);
            StoreBatch batch = ch.toBatch(state.book.fencing);
            try {
                if (ch.hasWrites()) {
                    store.commit(batch).join();
                    sync.durable(batch);
                }
            } catch (CompletionException e) {
                if (e.getCause() instanceof ConflictException && attempt < 10) {
                    continue;
                }
                throw e.getCause() instanceof RunwayException r ? r
                        : new UnavailableException("the lease engine could not store its start state: " + e.getCause(), e);
            }
            committer.commit(ch, CompletableFuture.completedFuture(null)).join();
            return;
        }
    }

    /** Reads what other controllers wrote since the last poll and decides again on it. */
    CompletableFuture<Void> refresh() {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> store.changedSince(sync.pollFrom()).whenComplete((fresh, err) -> {
            if (err != null) {
                reply.completeExceptionally(err instanceof CompletionException && err.getCause() != null
                        ? err.getCause() : err);
                return;
            }
            news.add(fresh);
            call(reply, (later, next) -> {
                sync.polled(now);
                next.then(reply, () -> reply.complete(null));
            });
        }));
    }

    /**
     * A lease this engine has not heard of yet may have been granted by another controller since the last
     * poll; read it (and its resources) from the store and decide again before answering "no such lease", so
     * a release sent to any controller is never lost.
     */
    <T> CompletableFuture<T> callOnLease(CompletableFuture<T> reply, String id, BiConsumer<Instant, Changes> body) {
        return call(reply, (now, ch) -> {
            try {
                body.accept(now, ch);
            } catch (NotFoundException unknown) {
                store.read(List.of(id), List.of())
                        .thenCompose(f -> f.leases().containsKey(id)
                                ? store.read(List.of(id), f.leases().get(id).resourceIds())
                                : CompletableFuture.completedFuture(f))
                        .whenComplete((fresh, err) -> {
                            if (err != null || !fresh.leases().containsKey(id)) {
                                reply.completeExceptionally(unknown);
                                return;
                            }
                            news.add(fresh);
                            call(reply, body);
                        });
            }
        });
    }

    private <T> CompletableFuture<T> call(CompletableFuture<T> reply, BiConsumer<Instant, Changes> body) {
        submit.accept(EngineCommand.replyingTo(reply, body));
        return reply;
    }

    /** Before a batch is decided: other controllers' writes replace the book, and the write budget resets. */
    void beforeBatch(Instant now, Changes ch) {
        boolean changed = false;
        StoredState fresh;
        while ((fresh = news.poll()) != null) {
            changed |= sync.absorb(fresh);
        }
        if (changed) {
            state.book = sync.rebuild(state.book, List.of(), now, ch);
        }
        state.book.writeBudget = WRITE_BUDGET;
        state.book.overBudget = false;
    }

    /**
     * Commits with one batch in flight. A conflict means another controller changed a record this batch was
     * decided on: read those records, rebuild the book and decide the same commands again. {@code settled}
     * runs once the batch is committed or given up.
     */
    void commit(Changes ch, List<EngineCommand> applied, Runnable settled, int attempt) {
        StoreBatch batch = ch.hasWrites() ? ch.toBatch(state.book.fencing) : null;
        CompletableFuture<Void> durable = batch == null ? CompletableFuture.completedFuture(null) : store.commit(batch);
        if (batch != null) {
            counters.batches.increment();
        }
        durable.whenComplete((v, err) -> executor.execute(() -> {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof ConflictException && state.failure == null) {
                store.read(ch.leases.keySet(), ch.resources.keySet()).whenComplete((fresh, readErr) ->
                        executor.execute(() -> redecide(ch, applied, settled, attempt, fresh, readErr)));
                return;
            }
            try {
                if (cause == null && batch != null) {
                    sync.durable(batch);
                }
                committer.commit(ch, durable);
            } finally {
                settled.run();
            }
        }));
    }

    private void redecide(Changes refused, List<EngineCommand> applied, Runnable settled, int attempt,
                          StoredState fresh, Throwable readErr) {
        if (readErr != null) {
            state.fail(new UnavailableException("the state store could not be read after a conflict: " + readErr, readErr));
            refused.failReplies(state.failure);
            settled.run();
            return;
        }
        Instant now = clock.instant();
        Changes retry = new Changes();
        try {
            sync.absorb(fresh);
            state.book = sync.rebuild(state.book, refused.granted, now, retry);
            state.book.writeBudget = WRITE_BUDGET;
            if (attempt >= MAX_REDECISIONS) {
                // Contention without end: these callers hear "retry"; waiters keep waiting; the engine goes on.
                refused.failReplies(new UnavailableException("the batch met " + attempt
                        + " store conflicts in a row with other controllers; retry", null));
            } else {
                for (EngineCommand c : applied) {
                    if (c.replayable()) {
                        try {
                            c.apply(now, retry);
                        } catch (RunwayException e) {
                            c.reject(e);
                        }
                    }
                }
            }
            state.book.dispatch(now, retry);
        } catch (RuntimeException | Error e) {
            state.fail(new UnavailableException("lease engine failed: " + e, e));
            refused.failReplies(state.failure);
            retry.failReplies(state.failure);
            settled.run();
            return;
        }
        commit(retry, applied, settled, attempt >= MAX_REDECISIONS ? 0 : attempt + 1);
    }
}
