package io.runway.core.lease;

import io.runway.core.error.UnavailableException;
import io.runway.core.store.StateStore;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each decided batch to the store and, once it is durable and every earlier batch has been
 * released, releases it: counts, published snapshots, provider work, then replies. A store failure fails
 * the engine; nothing decided from then on is acknowledged.
 */
final class BatchCommitter {
    private final StateStore store;
    private final EngineState state;
    private final StatsCounter counters;
    private final LeaseSnapshots snapshots;
    private final ProviderWork providerWork;
    private volatile CompletableFuture<Void> lastDurable = CompletableFuture.completedFuture(null);

    BatchCommitter(StateStore store, EngineState state, StatsCounter counters, LeaseSnapshots snapshots,
                   ProviderWork providerWork) {
        this.store = store;
        this.state = state;
        this.counters = counters;
        this.snapshots = snapshots;
        this.providerWork = providerWork;
    }

    /** Completes once the last batch handed over so far has been released. */
    CompletableFuture<Void> lastDurable() {
        return lastDurable;
    }

    /** Makes {@code ch} durable, then (in batch order) publishes snapshots, replies and starts cleanups. */
    CompletableFuture<Void> commit(Changes ch) {
        if (ch.isEmpty()) {
            return lastDurable;
        }
        CompletableFuture<Void> durable = ch.hasWrites() ? store.commit(ch.toBatch(state.book.fencing)) : lastDurable;
        if (ch.hasWrites()) {
            counters.batches.increment();
        }
        return commit(ch, durable);
    }

    /** Releases {@code ch} in batch order once {@code durable} completes; fails the engine if it failed. */
    CompletableFuture<Void> commit(Changes ch, CompletableFuture<Void> durable) {
        if (ch.isEmpty()) {
            return lastDurable;
        }
        CompletableFuture<Void> previous = lastDurable;
        // Published before the callback can run: a callback that runs at once (batch already durable) may start
        // provider work whose reply is decided and committed on another thread, and that batch must chain on
        // this one, not on the one before it.
        CompletableFuture<Void> next = new CompletableFuture<>();
        lastDurable = next;
        durable.thenCombine(previous, (a, b) -> (Void) null).handle((v, err) -> {
            if (err != null) {
                state.fail(new UnavailableException("the state store failed; nothing from then on was acknowledged: "
                        + err.getMessage(), err));
                ch.failReplies(state.failure);
                return null;
            }
            try {
                counters.count(ch.leases.values());
                snapshots.publish(ch);
                // Cleanups start before replies go out, so a caller that hears "done" sees them under way.
                ch.cleanups.forEach(providerWork::startCleanup);
                ch.provisions.forEach(providerWork::startProvision);
                ch.deprovisions.forEach(providerWork::startDeprovision);
                ch.afterDurable.forEach(Runnable::run);
            } catch (RuntimeException | Error e) {
                state.fail(new UnavailableException("lease engine failed after a durable commit: " + e, e));
                ch.failReplies(state.failure);
            }
            return null;
        }).whenComplete((v, err) -> next.complete(null));
        return next;
    }
}
