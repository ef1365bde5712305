package io.runway.core.lease;

import io.runway.core.error.ConflictException;
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
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Leases on pooled resources. One writer: callers enqueue commands; a drain task on the host's executor
 * decides a whole batch of them against the in-memory book, hands the resulting records to the store as
 * one commit, and moves on while the store makes them durable (group commit). Replies, published
 * snapshots and provider work are released only when their batch is durable, in batch order.
 * No lock is held across I/O; readers see immutable snapshots.
 *
 * <p>On a {@link SharedStateStore} (several controllers, one table) the engine runs in multi-controller
 * mode: one batch in flight at a time; a batch refused with {@link ConflictException} (another controller
 * changed a record it decided on) is not an error: the engine reads the records it touched, rebuilds its
 * book ({@link SharedSync}) and decides the same commands again; and it polls the store for other
 * controllers' writes every {@link #SHARED_POLL_INTERVAL}, so its waiters get resources freed elsewhere.
 * Other stores keep the single-writer fast path (pipelined group commit, no reads after start).
 */
public final class LeaseEngine implements AutoCloseable {
    /** How often a multi-controller engine polls for other controllers' writes (when its tick is on). */
    public static final Duration SHARED_POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * Multi-controller batches: at most this many commands and this many record writes each, so that a
     * batch fits one store transaction (DynamoDB takes 100 items, one more is the fencing counter).
     */
    private static final int SHARED_MAX_COMMANDS = 24;
    private static final int SHARED_WRITE_BUDGET = 90;
    /** Conflicts in a row after which a batch's callers hear "retry" (the engine goes on). */
    private static final int MAX_REDECISIONS = 100;

    private final StateStore store;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final EngineOptions options;
    private final LeaseLimits limits;
    private final Set<String> poolNames;
    private volatile LeaseBook book;
    /** Multi-controller mode only (null otherwise); both touched only by the writer. */
    private final SharedStateStore shared;
    private SharedSync sync;
    private final ConcurrentLinkedQueue<StoredState> news = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Command> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final LeaseSnapshots snapshots = new LeaseSnapshots();
    private final StatsCounter counters = new StatsCounter();
    private final Map<String, Provider> providers;
    private final RequestChecks checks;
    private volatile CompletableFuture<Void> lastDurable = CompletableFuture.completedFuture(null);
    private volatile RunwayException failure;
    private volatile boolean closed;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> poller;

    /** A decision to take on the writer, given the time and the batch it joins. */
    private interface Command {
        void apply(Instant now, Changes ch);

        void reject(RunwayException e);

        /**
         * Whether a refused batch (multi-controller) decides this command again on the rebuilt book. Not so
         * for a new request: its waiter is carried over into the new book instead.
         */
        default boolean replayable() {
            return true;
        }
    }

    private LeaseEngine(PoolsConfig config, Map<String, Provider> providers, StateStore store, Clock clock,
                        ScheduledExecutorService executor, EngineOptions options) {
        this.store = store;
        this.clock = clock;
        this.executor = executor;
        this.options = options;
        this.limits = config.limits();
        this.providers = Map.copyOf(providers);
        this.poolNames = config.pools().stream().map(PoolSpec::name).collect(Collectors.toUnmodifiableSet());
        this.checks = new RequestChecks(limits, poolNames);
        this.shared = store instanceof SharedStateStore s ? s : null;
        if (shared != null) {
            startShared(config);
            return;
        }
        Changes ch = new Changes();
        Instant now = clock.instant();
        this.book = BookLoader.load(config, this.providers, store.load(), options.maxEndedLeases(), now, ch);
        book.tick(now, ch);
        commit(ch).join();
        if (failure != null) {
            throw failure; // the reconciled state could not be stored: no engine rather than a dead one
        }
    }

    /** Multi-controller start: controllers starting together may race to add the same resources; reload then. */
    private void startShared(PoolsConfig config) {
        for (int attempt = 1; ; attempt++) {
            Changes ch = new Changes();
            Instant now = clock.instant();
            StoredState loaded = store.load();
            book = BookLoader.load(config, providers, loaded, options.maxEndedLeases(), now, ch, true);
            book.tick(now, ch);
            sync = new SharedSync(config, providers, options.maxEndedLeases(), loaded, now);
            StoreBatch batch = ch.toBatch(book.fencing);
            try {
                if (ch.hasWrites()) {
                    store.commit(batch).join();
                    sync.durable(batch);
                }
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof ConflictException && attempt < 10) {
                    continue;
                }
                throw e.getCause() instanceof RunwayException r ? r
                        : new UnavailableException("the lease engine could not store its start state: " + e.getCause(), e);
            }
            commit(ch, CompletableFuture.completedFuture(null)).join();
            return;
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
        submit(new Command() {
            public void apply(Instant now, Changes ch) {
                PoolSlot scope = request.pool() == null ? null : book.index.pool(request.pool());
                checks.checkSatisfiable(request, scope, book.index);
                book.enqueue(id, request, scope, now, reply, ch);
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
        CompletableFuture<Void> reply = new CompletableFuture<>();
        if (shared == null) {
            reply.complete(null);
            return reply;
        }
        return call(reply, (now, ch) -> shared.changedSince(sync.pollFrom()).whenComplete((fresh, err) -> {
            if (err != null) {
                reply.completeExceptionally(err instanceof java.util.concurrent.CompletionException && err.getCause() != null
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
        submit(new Command() {
            public void apply(Instant now, Changes ch) {
                PoolSlot scope = request.pool() == null ? null : book.index.pool(request.pool());
                book.enqueue(id, request, scope, policy, now, reply, ch);
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
            List<ResourceView> made = book.capacity.provision(pool, count, reason, now, ch);
            ch.then(reply, () -> reply.complete(made));
        });
    }

    /** Scales down one provisioned resource; refused (conflict) unless it is FREE. */
    public CompletableFuture<ResourceView> retire(String resourceId, String reason) {
        CompletableFuture<ResourceView> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            ResourceView view = book.capacity.retire(resourceId, reason, now, ch);
            ch.then(reply, () -> reply.complete(view));
        });
    }

    /** Serves the queue, then reports every resource that is not retired and every request still waiting. */
    public CompletableFuture<CapacitySnapshot> capacity() {
        CompletableFuture<CapacitySnapshot> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            book.serveQueue(now, ch);
            List<ResourceStatus> resources = new java.util.ArrayList<>();
            for (ResourceSlot slot : book.index.resources()) {
                if (slot.state() != io.runway.core.resource.ResourceState.RETIRED) {
                    resources.add(new ResourceStatus(slot.view(), slot.record.stateSince(), slot.dynamic));
                }
            }
            List<CapacitySnapshot.WaitingRequest> waiting = new java.util.ArrayList<>();
            for (Waiter w : book.waiters()) {
                waiting.add(new CapacitySnapshot.WaitingRequest(w.id, w.request, w.requestedAt, w.policy != null));
            }
            CapacitySnapshot snapshot = new CapacitySnapshot(now, resources, waiting);
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
        return callOnLease(reply, id, (now, ch) -> book.renew(id, token, ttl, now, reply, ch));
    }

    /** Ends a lease as its owner (token). Idempotent. */
    public CompletableFuture<Lease> release(String id, String token) {
        CompletableFuture<Lease> reply = new CompletableFuture<>();
        return callOnLease(reply, id, (now, ch) -> book.release(id, token, null, null, now, reply, ch));
    }

    /** Ends a lease, or cancels a waiting request, as an administrator. Idempotent. */
    public CompletableFuture<Lease> revoke(String id, String actor, String reason) {
        CompletableFuture<Lease> reply = new CompletableFuture<>();
        return callOnLease(reply, id,
                (now, ch) -> book.release(id, null, actor == null ? "admin" : actor, reason, now, reply, ch));
    }

    /** Runs expiry, timeouts and cooldowns now (the periodic tick does the same). */
    public CompletableFuture<Void> tick() {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        return call(reply, (now, ch) -> {
            book.tick(now, ch);
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
        return counters.snapshot(snapshots, free, book.timedOut.sum());
    }

    /** Stops the tick, fails requests still waiting, and returns once everything decided is durable. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (poller != null) {
            poller.cancel(false);
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        submit(new Command() {
            public void apply(Instant now, Changes ch) {
                book.cancelAllWaiting(new UnavailableException("the lease engine is shutting down", null), now, ch);
                closed = true;
                ch.then(drained, () -> drained.complete(null));
            }

            public void reject(RunwayException e) {
                drained.complete(null);
            }
        });
        try {
            drained.get(30, TimeUnit.SECONDS);
            lastDurable.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            closed = true;
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Closed either way; what was not durable was never acknowledged, so nothing is lost by saying so.
            closed = true;
            throw new UnavailableException("the lease engine closed before its last batch was durable: " + e, e);
        }
    }

    private <T> CompletableFuture<T> call(CompletableFuture<T> reply, java.util.function.BiConsumer<Instant, Changes> body) {
        submit(new Command() {
            public void apply(Instant now, Changes ch) {
                body.accept(now, ch);
            }

            public void reject(RunwayException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /**
     * Multi-controller: a lease this engine has not heard of yet may have been granted by another controller
     * since the last poll; read it (and its resources) from the store and decide again before answering
     * "no such lease", so a release sent to any controller is never lost.
     */
    private <T> CompletableFuture<T> callOnLease(CompletableFuture<T> reply, String id,
                                                 java.util.function.BiConsumer<Instant, Changes> body) {
        if (shared == null) {
            return call(reply, body);
        }
        return call(reply, (now, ch) -> {
            try {
                body.accept(now, ch);
            } catch (io.runway.core.error.NotFoundException unknown) {
                shared.read(List.of(id), List.of())
                        .thenCompose(f -> f.leases().containsKey(id)
                                ? shared.read(List.of(id), f.leases().get(id).resourceIds())
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

    private void submit(Command command) {
        if (closed || failure != null) {
            command.reject(failure != null ? failure : new UnavailableException("the lease engine is closed", null));
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
        List<Command> applied = shared == null ? null : new ArrayList<>();
        if (shared != null && failure == null) {
            takeInNews(now, ch);
            book.writeBudget = SHARED_WRITE_BUDGET;
            book.overBudget = false;
        }
        int max = shared == null ? options.maxCommandsPerBatch() : Math.min(SHARED_MAX_COMMANDS, options.maxCommandsPerBatch());
        int done = 0;
        Command c;
        while (done < max && (c = inbox.poll()) != null) {
            done++;
            if (failure != null) {
                c.reject(failure);
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
                fail(new UnavailableException("lease engine failed: " + e, e));
                c.reject(failure);
            }
        }
        try {
            if (failure != null) {
                // The book may be half-updated: store nothing of this batch and answer no one with success.
                ch.failReplies(failure);
            } else {
                book.dispatch(now, ch);
                if (shared != null) {
                    commitShared(ch, applied, done, 0); // finishes the drain once the batch is settled
                    return;
                }
                commit(ch);
            }
        } catch (RuntimeException | Error e) {
            fail(new UnavailableException("lease engine failed: " + e, e));
            ch.failReplies(failure);
        }
        finishDrain(done);
    }

    private void finishDrain(int done) {
        if (shared != null && book.overBudget && failure == null) {
            book.overBudget = false;
            tick(); // work left over for want of room in the batch: another batch right away
        }
        counters.commands.add(done);
        if (queued.addAndGet(-done) > 0) {
            executor.execute(this::drain);
        }
    }

    /** Multi-controller: other controllers' writes read by {@link #refresh()} replace the book before deciding. */
    private void takeInNews(Instant now, Changes ch) {
        boolean changed = false;
        StoredState fresh;
        while ((fresh = news.poll()) != null) {
            changed |= sync.absorb(fresh);
        }
        if (changed) {
            book = sync.rebuild(book, List.of(), now, ch);
        }
    }

    /**
     * Multi-controller commit: one batch in flight. A conflict means another controller changed a record this
     * batch was decided on: read those records, rebuild the book and decide the same commands again.
     */
    private void commitShared(Changes ch, List<Command> applied, int done, int attempt) {
        StoreBatch batch = ch.hasWrites() ? ch.toBatch(book.fencing) : null;
        CompletableFuture<Void> durable = batch == null ? CompletableFuture.completedFuture(null) : store.commit(batch);
        if (batch != null) {
            counters.batches.increment();
        }
        durable.whenComplete((v, err) -> executor.execute(() -> {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (cause instanceof ConflictException && failure == null) {
                shared.read(ch.leases.keySet(), ch.resources.keySet()).whenComplete((fresh, readErr) ->
                        executor.execute(() -> redecide(ch, applied, done, attempt, fresh, readErr)));
                return;
            }
            try {
                if (cause == null && batch != null) {
                    sync.durable(batch);
                }
                commit(ch, durable);
            } finally {
                finishDrain(done);
            }
        }));
    }

    private void redecide(Changes refused, List<Command> applied, int done, int attempt, StoredState fresh,
                          Throwable readErr) {
        if (readErr != null) {
            fail(new UnavailableException("the state store could not be read after a conflict: " + readErr, readErr));
            refused.failReplies(failure);
            finishDrain(done);
            return;
        }
        Instant now = clock.instant();
        Changes retry = new Changes();
        try {
            sync.absorb(fresh);
            book = sync.rebuild(book, refused.granted, now, retry);
            book.writeBudget = SHARED_WRITE_BUDGET;
            if (attempt >= MAX_REDECISIONS) {
                // Contention without end: these callers hear "retry"; waiters keep waiting; the engine goes on.
                refused.failReplies(new UnavailableException("the batch met " + attempt
                        + " store conflicts in a row with other controllers; retry", null));
            } else {
                for (Command c : applied) {
                    if (c.replayable()) {
                        try {
                            c.apply(now, retry);
                        } catch (RunwayException e) {
                            c.reject(e);
                        }
                    }
                }
            }
            book.dispatch(now, retry);
        } catch (RuntimeException | Error e) {
            fail(new UnavailableException("lease engine failed: " + e, e));
            refused.failReplies(failure);
            retry.failReplies(failure);
            finishDrain(done);
            return;
        }
        commitShared(retry, applied, done, attempt >= MAX_REDECISIONS ? 0 : attempt + 1);
    }

    /** Makes {@code ch} durable, then (in batch order) publishes snapshots, replies and starts cleanups. */
    private CompletableFuture<Void> commit(Changes ch) {
        if (ch.isEmpty()) {
            return lastDurable;
        }
        CompletableFuture<Void> durable = ch.hasWrites() ? store.commit(ch.toBatch(book.fencing)) : lastDurable;
        if (ch.hasWrites()) {
            counters.batches.increment();
        }
        return commit(ch, durable);
    }

    /** Releases {@code ch} in batch order once {@code durable} completes; fails the engine if it failed. */
    private CompletableFuture<Void> commit(Changes ch, CompletableFuture<Void> durable) {
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
                fail(new UnavailableException("the state store failed; nothing from then on was acknowledged: "
                        + err.getMessage(), err));
                ch.failReplies(failure);
                return null;
            }
            try {
                counters.count(ch.leases.values());
                snapshots.publish(ch);
                // Cleanups start before replies go out, so a caller that hears "done" sees them under way.
                ch.cleanups.forEach(this::startCleanup);
                ch.provisions.forEach(this::startProvision);
                ch.deprovisions.forEach(this::startDeprovision);
                ch.afterDurable.forEach(Runnable::run);
            } catch (RuntimeException | Error e) {
                fail(new UnavailableException("lease engine failed after a durable commit: " + e, e));
                ch.failReplies(failure);
            }
            return null;
        }).whenComplete((v, err) -> next.complete(null));
        return next;
    }

    private void startCleanup(ResourceSlot slot) {
        ResourceView view = slot.view();
        String leaseId = slot.record.leaseId();
        CompletableFuture<Void> work;
        try {
            work = slot.pool.provider.cleanup(view, leaseId);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((v, err) -> submit(new Command() {
            public void apply(Instant now, Changes ch) {
                // By id: a multi-controller engine may have rebuilt its book (new slots) meanwhile.
                ResourceSlot current = shared == null ? slot : book.index.resource(slot.id);
                if (current != null) {
                    book.lifecycle.cleaned(current, err, now, ch);
                }
            }

            public void reject(RunwayException e) {
                // Engine closing: the resource stays CLEANING and is cleaned again on the next start.
            }
        }));
    }

    private void startProvision(ResourceSlot slot) {
        ResourceView view = slot.view();
        CompletableFuture<Void> work;
        try {
            work = slot.pool.provider instanceof io.runway.core.provider.CapacityProvider p ? p.provision(view)
                    : CompletableFuture.failedFuture(new IllegalStateException("provider " + slot.pool.provider.name()
                            + " cannot provision"));
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((v, err) -> submit(new Command() {
            public void apply(Instant now, Changes ch) {
                book.capacity.provisioned(slot, err, now, ch);
            }

            public void reject(RunwayException e) {
                // Engine closing: the resource stays PROVISIONING and is provisioned again on the next start.
            }
        }));
    }

    private void startDeprovision(ResourceSlot slot) {
        ResourceView view = slot.view();
        CompletableFuture<Void> work;
        try {
            work = slot.pool.provider instanceof io.runway.core.provider.CapacityProvider p ? p.deprovision(view)
                    : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((v, err) -> submit(new Command() {
            public void apply(Instant now, Changes ch) {
                book.capacity.deprovisioned(slot, err, now, ch);
            }

            public void reject(RunwayException e) {
                // Engine closing: the description stays, so the next start deprovisions again.
            }
        }));
    }

    private void fail(RunwayException e) {
        if (failure == null) {
            failure = e;
        }
    }
}
