package io.runway.core.lease;

import io.runway.core.error.RunwayException;
import io.runway.core.error.UnavailableException;
import io.runway.core.pool.LeaseLimits;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.SharedStateStore;
import io.runway.core.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Leases on pooled resources. One writer: callers enqueue commands; a drain task on the host's executor
 * decides a whole batch of them against the in-memory book, hands the resulting records to the store as
 * one commit, and moves on while the store makes them durable (group commit). Replies, published
 * snapshots and provider work are released only when their batch is durable, in batch order.
 * No lock is held across I/O; readers see immutable snapshots.
 *
 * <p>On a {@link SharedStateStore} (several controllers, one table) the engine runs in multi-controller
 * mode: one batch in flight at a time; a batch refused with {@link io.runway.core.error.ConflictException} (another controller
 * changed a record it decided on) is not an error: the engine reads the records it touched, rebuilds its
 * book ({@link SharedSync}) and decides the same commands again; and it polls the store for other
 * controllers' writes every {@link #SHARED_POLL_INTERVAL}, so its waiters get resources freed elsewhere.
 * Other stores keep the single-writer fast path (pipelined group commit, no reads after start).
 *
 * <p>This class is the public face; the parts behind it are {@link CommandDrain} (the single writer),
 * {@link BatchCommitter} (durable, then released in batch order), {@link ProviderWork} (provider side
 * effects once durable) and, with several controllers, {@link SharedBatches}.
 */
public final class LeaseEngine implements AutoCloseable {
    /** How often a multi-controller engine polls for other controllers' writes (when its tick is on). */
    public static final Duration SHARED_POLL_INTERVAL = Duration.ofSeconds(1);

    private final StateStore store;
    private final LeaseLimits limits;
    private final Set<String> poolNames;
    private final EngineState state = new EngineState();
    private final LeaseSnapshots snapshots = new LeaseSnapshots();
    private final StatsCounter counters = new StatsCounter();
    private final RequestChecks checks;
    private final BatchCommitter committer;
    private final CommandDrain drain;
    /** Multi-controller mode only (null otherwise). */
    private final SharedBatches shared;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> poller;

    private LeaseEngine(PoolsConfig config, Map<String, Provider> providers, StateStore store, Clock clock,
                        ScheduledExecutorService executor, EngineOptions options) {
        this.store = store;
        this.limits = config.limits();
        Map<String, Provider> providerMap = Map.copyOf(providers);
        this.poolNames = config.pools().stream().map(PoolSpec::name).collect(Collectors.toUnmodifiableSet());
        this.checks = new RequestChecks(limits, poolNames);
        SharedStateStore sharedStore = store instanceof SharedStateStore s ? s : null;
        ProviderWork providerWork = new ProviderWork(state, this::submit, sharedStore != null);
        this.committer = new BatchCommitter(store, state, counters, snapshots, providerWork);
        this.shared = sharedStore == null ? null
                : new SharedBatches(sharedStore, state, clock, executor, committer, counters, this::submit);
        this.drain = new CommandDrain(state, clock, executor, options.maxCommandsPerBatch(), committer, counters, shared,
                this::tick);
        if (shared != null) {
            shared.start(config, providerMap, options.maxEndedLeases());
            return;
        }
        Changes ch = new Changes();
        Instant now = clock.instant();
        state.book = BookLoader.load(config, providerMap, store.load(), options.maxEndedLeases(), now, ch);
        state.book.tick(now, ch);
        committer.commit(ch).join();
        if (state.failure != null) {
            throw state.failure; // the reconciled state could not be stored: no engine rather than a dead one
        }
    }

    /**
     * Loads state from {@code store}, reconciles it with {@code config}, reaps what expired while down and
     * starts the periodic tick. Returns once the reconciled state is durable.
     */
    public static LeaseEngine start(PoolsConfig config, Map<String, Provider> providers, StateStore store,
                                    Clock clock, ScheduledExecutorService executor, EngineOptions options) {
        LeaseEngine engine = new LeaseEngine(config, providers, store, clock, executor, options);
        if (!options.tickInterval().isZero()) {
            long ms = options.tickInterval().toMillis();
            engine.ticker = executor.scheduleAtFixedRate(engine::tick, ms, ms, TimeUnit.MILLISECONDS);
            if (engine.shared != null) {
                long poll = SHARED_POLL_INTERVAL.toMillis();
                engine.poller = executor.scheduleWithFixedDelay(engine::refresh, poll, poll, TimeUnit.MILLISECONDS);
            }
        }
        return engine;
    }

    /** Asks for a lease; completes with the grant, or fails with a {@link RunwayException} saying why not. */
    public CompletableFuture<Grant> acquire(LeaseRequest request) {
        CompletableFuture<Grant> reply = new CompletableFuture<>();
        try {
            checks.check(request);
        } catch (RunwayException e) {
            counters.rejected.increment();
            reply.completeExceptionally(e);
            return reply;
        }
        String id = LeaseIds.next();
        submit(new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                PoolSlot scope = request.pool() == null ? null : state.book.index.pool(request.pool());
                checks.checkSatisfiable(request, scope, state.book.index);
                state.book.enqueue(id, request, scope, now, reply, ch);
            }

            public void reject(RunwayException e) {
                counters.rejected.increment();
                reply.completeExceptionally(e);
            }

            public boolean replayable() {
                return false;
            }
        });
        return reply;
    }

    /**
     * Multi-controller mode: reads what other controllers wrote since the last poll and decides again on it
     * (resources they freed go to this engine's waiters). The periodic poll does the same; completes once
     * the news is taken in. A no-op on a single-controller store.
     */
    public CompletableFuture<Void> refresh() {
        if (shared == null) {
            return CompletableFuture.completedFuture(null);
        }
        return shared.refresh();
    }

    /**
     * Asks for a lease whose resources {@code policy} chooses (placement). Served in the same queue as every
     * other request — priority, then first come first served, with reservation — and all or nothing. Unlike
     * {@link #acquire(LeaseRequest)} it is never refused as "can never be granted": capacity may be
     * provisioned for it while it waits.
     */
    public PendingLease acquire(LeaseRequest request, PlacementPolicy policy) {
        java.util.Objects.requireNonNull(policy, "policy");
        CompletableFuture<Grant> reply = new CompletableFuture<>();
        String id = LeaseIds.next();
        try {
            checks.check(request);
        } catch (RunwayException e) {
            counters.rejected.increment();
            reply.completeExceptionally(e);
            return new PendingLease(id, reply);
        }
        submit(new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                PoolSlot scope = request.pool() == null ? null : state.book.index.pool(request.pool());
                state.book.enqueue(id, request, scope, policy, now, reply, ch);
            }

            public void reject(RunwayException e) {
                counters.rejected.increment();
                reply.completeExceptionally(e);
            }
        });
        return new PendingLease(id, reply);
    }

    /**
     * Adds {@code count} resources to {@code pool} from its template: they are PROVISIONING once this
     * completes (durable, with their descriptions), and become FREE when the pool's {@link
     * io.runway.core.provider.CapacityProvider} has made them. Refused past the pool's max or the overall cap.
     */
    public CompletableFuture<List<ResourceView>> provision(String pool, int count, String reason) {
        CompletableFuture<List<ResourceView>> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            List<ResourceView> made = state.book.capacity.provision(pool, count, reason, now, ch);
            ch.then(reply, () -> reply.complete(made));
        });
    }

    /** Scales down one provisioned resource; refused (conflict) unless it is FREE. */
    public CompletableFuture<ResourceView> retire(String resourceId, String reason) {
        CompletableFuture<ResourceView> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            ResourceView view = state.book.capacity.retire(resourceId, reason, now, ch);
            ch.then(reply, () -> reply.complete(view));
        });
    }

    /** Serves the queue, then reports every resource that is not retired and every request still waiting. */
    public CompletableFuture<CapacitySnapshot> capacity() {
        CompletableFuture<CapacitySnapshot> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            state.book.serveQueue(now, ch);
            List<ResourceStatus> resources = new java.util.ArrayList<>();
            for (ResourceSlot slot : state.book.index.resources()) {
                if (slot.state() != io.runway.core.resource.ResourceState.RETIRED) {
                    resources.add(new ResourceStatus(slot.view(), slot.record.stateSince(), slot.dynamic));
                }
            }
            List<CapacitySnapshot.WaitingRequest> waiting = new java.util.ArrayList<>();
            for (Waiter w : state.book.waiters()) {
                waiting.add(new CapacitySnapshot.WaitingRequest(w.id, w.request, w.requestedAt, w.policy != null));
            }
            Map<String, Map<String, Integer>> heldByOwner = new java.util.HashMap<>();
            for (PoolSlot pool : state.book.index.pools()) {
                if (pool.spec.quota().perOwner() != null && !pool.heldByOwner.isEmpty()) {
                    heldByOwner.put(pool.name(), Map.copyOf(pool.heldByOwner));
                }
            }
            CapacitySnapshot snapshot = new CapacitySnapshot(now, resources, waiting, heldByOwner);
            ch.then(reply, () -> reply.complete(snapshot));
        });
    }

    /** Extends an active lease to now + {@code ttl}; needs the lease's token. */
    public CompletableFuture<Lease> renew(String id, String token, Duration ttl) {
        CompletableFuture<Lease> reply = new CompletableFuture<>();
        try {
            checks.checkTtl(ttl);
        } catch (RunwayException e) {
            reply.completeExceptionally(e);
            return reply;
        }
        return callOnLease(reply, id, (now, ch) -> state.book.renew(id, token, ttl, now, reply, ch));
    }

    /** Ends a lease as its owner (token). Idempotent. */
    public CompletableFuture<Lease> release(String id, String token) {
        CompletableFuture<Lease> reply = new CompletableFuture<>();
        return callOnLease(reply, id, (now, ch) -> state.book.release(id, token, null, null, now, reply, ch));
    }

    /** Ends a lease, or cancels a waiting request, as an administrator. Idempotent. */
    public CompletableFuture<Lease> revoke(String id, String actor, String reason) {
        CompletableFuture<Lease> reply = new CompletableFuture<>();
        return callOnLease(reply, id,
                (now, ch) -> state.book.release(id, null, actor == null ? "admin" : actor, reason, now, reply, ch));
    }

    /** Runs expiry, timeouts and cooldowns now (the periodic tick does the same). */
    public CompletableFuture<Void> tick() {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            state.book.tick(now, ch);
            ch.then(reply, () -> reply.complete(null));
        });
    }

    public Optional<Lease> lease(String id) {
        return Optional.ofNullable(snapshots.lease(id));
    }

    /** Waiting, active and retained ended leases, newest request first. */
    public List<Lease> leases() {
        return snapshots.leases().stream()
                .sorted(Comparator.comparing(Lease::requestedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    public List<ResourceView> resources() {
        return snapshots.resources().stream().sorted(Comparator.comparing(ResourceView::id)).toList();
    }

    public List<AuditEvent> events(String leaseId) {
        return store.events(leaseId);
    }

    public Set<String> pools() {
        return poolNames;
    }

    public LeaseLimits limits() {
        return limits;
    }

    public EngineStats stats() {
        Map<String, Integer> free = new TreeMap<>();
        for (ResourceView r : snapshots.resources()) {
            free.merge(r.pool(), r.state().isGrantable() ? 1 : 0, Integer::sum);
        }
        return counters.snapshot(snapshots, free, state.book.timedOut.sum());
    }

    /** Stops the tick, fails requests still waiting, and returns once everything decided is durable. */
    @Override
    public void close() {
        if (state.closed) {
            return;
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (poller != null) {
            poller.cancel(false);
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        submit(new EngineCommand() {
            public void apply(Instant now, Changes ch) {
                state.book.cancelAllWaiting(new UnavailableException("the lease engine is shutting down", null), now, ch);
                state.closed = true;
                ch.then(drained, () -> drained.complete(null));
            }

            public void reject(RunwayException e) {
                drained.complete(null);
            }
        });
        try {
            drained.get(30, TimeUnit.SECONDS);
            committer.lastDurable().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            state.closed = true;
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Closed either way; what was not durable was never acknowledged, so nothing is lost by saying so.
            state.closed = true;
            throw new UnavailableException("the lease engine closed before its last batch was durable: " + e, e);
        }
    }

    private <T> CompletableFuture<T> call(CompletableFuture<T> reply, BiConsumer<Instant, Changes> body) {
        submit(EngineCommand.replyingTo(reply, body));
        return reply;
    }

    /** Multi-controller: a lease unknown here may have been granted elsewhere ({@link SharedBatches#callOnLease}). */
    private <T> CompletableFuture<T> callOnLease(CompletableFuture<T> reply, String id, BiConsumer<Instant, Changes> body) {
        return shared == null ? call(reply, body) : shared.callOnLease(reply, id, body);
    }

    private void submit(EngineCommand command) {
        drain.submit(command);
    }
}
