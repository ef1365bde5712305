package io.runway.core.placement;

import io.runway.core.error.NotGrantedException;
import io.runway.core.error.RunwayException;
import io.runway.core.lease.CapacitySnapshot;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.PendingLease;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.provider.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Places tasks on resources and scales pools for them. A placement is a lease asked of the {@link LeaseEngine}
 * with the request's {@link RequestPolicy} (so TTL, fencing, quotas, teardown and audit hold for tasks too);
 * the engine decides grants on its single writer. Scaling is decide-then-act: a round reads a {@link
 * CapacitySnapshot}, runs the pure {@link ScalingDecider}, then applies its plan through the engine
 * (provision, retire) and records each waiting placement's state and reason. A round runs at once when a
 * placement is queued in a system with a scalable pool, and periodically on the host's scheduler; rounds
 * never overlap, so a round always sees what the previous one provisioned.
 */
public final class PlacementService implements AutoCloseable {
    private final LeaseEngine engine;
    private final PoolsConfig config;
    private final Set<String> provisionable;
    private final Clock clock;
    private final Map<String, Placement> byLease = new ConcurrentHashMap<>();
    private final Map<String, Placement> byId = new ConcurrentHashMap<>();
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private CompletableFuture<ScalingPlan> rounds = CompletableFuture.completedFuture(null);
    private volatile ScalingPlan lastPlan;
    private volatile boolean closed;
    private ScheduledFuture<?> ticker;

    private PlacementService(LeaseEngine engine, PoolsConfig config, Map<String, Provider> providers, Clock clock) {
        this.engine = engine;
        this.config = config;
        this.clock = clock;
        this.provisionable = config.pools().stream()
                .filter(p -> p.template() != null && providers.get(p.provider()) instanceof CapacityProvider)
                .map(PoolSpec::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param reconcileInterval how often a scaling round runs on {@code scheduler}; {@link Duration#ZERO} for
     *     none (tests call {@link #reconcile()} after moving their clock)
     */
    public static PlacementService start(LeaseEngine engine, PoolsConfig config, Map<String, Provider> providers,
                                         Clock clock, ScheduledExecutorService scheduler, Duration reconcileInterval) {
        PlacementService service = new PlacementService(engine, config, providers, clock);
        if (!reconcileInterval.isZero()) {
            long ms = reconcileInterval.toMillis();
            service.ticker = scheduler.scheduleAtFixedRate(service::requestRound, ms, ms, TimeUnit.MILLISECONDS);
        }
        return service;
    }

    /** Pools that can provision resources (a template and a capacity provider). */
    public Set<String> provisionablePools() {
        return provisionable;
    }

    /** Queues a placement. Bad input fails the returned placement's grant at once, naming the field. */
    public Placement place(PlacementRequest request) {
        Placement placement = submit(null, request);
        if (!provisionable.isEmpty() && !placement.state().isTerminal()) {
            requestRound();
        }
        return placement;
    }

    private Placement submit(Placement existing, PlacementRequest request) {
        Instant now = clock.instant();
        Duration waitFor = engine.limits().maxWait();
        if (request.deadline() != null) {
            Duration left = Duration.between(now, request.deadline());
            waitFor = left.isNegative() ? Duration.ZERO : left.compareTo(waitFor) < 0 ? left : waitFor;
        }
        PendingLease pending = engine.acquire(request.toLeaseRequest(waitFor), new RequestPolicy(request));
        Placement placement = existing != null ? existing : new Placement(pending.id(), request);
        placement.leaseId = pending.id();
        byLease.put(pending.id(), placement);
        byId.put(placement.id(), placement);
        pending.grant().whenComplete((grant, err) -> settled(placement, pending.id(), grant, err));
        return placement;
    }

    private void settled(Placement placement, String leaseId, Grant grant, Throwable err) {
        byLease.remove(leaseId);
        if (placement.state().isTerminal()) { // failed by a scaling round while its request was being decided
            byId.remove(placement.id());
            if (err == null) {
                engine.release(grant.lease().id(), grant.token()); // nobody holds it: give it back at once
            }
            return;
        }
        if (err == null) {
            byId.remove(placement.id());
            placement.placed(grant);
            return;
        }
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        Instant deadline = placement.request().deadline();
        boolean timeLeft = deadline == null || clock.instant().isBefore(deadline);
        if (cause instanceof NotGrantedException && timeLeft && !closed) {
            submit(placement, placement.request()); // the engine's longest wait ran out; the task still waits
            return;
        }
        byId.remove(placement.id());
        String why = cause instanceof NotGrantedException && !timeLeft
                ? "deadline " + deadline + " passed before it was placed; last reason: " + placement.reason()
                : cause instanceof RunwayException re ? re.getMessage() : String.valueOf(cause);
        placement.failed(why, cause);
    }

    /**
     * Gives up a placement that is not placed yet: it ends FAILED with {@code "cancelled: " + reason} and its
     * waiting lease request is withdrawn (a grant that races with this is released at once). Does nothing
     * to a placement that already ended; a placed one's lease is released by its holder.
     */
    public CompletableFuture<Void> cancel(Placement placement, String reason) {
        if (placement.state().isTerminal()) {
            return CompletableFuture.completedFuture(null);
        }
        String why = "cancelled: " + reason;
        placement.failed(why, new NotGrantedException("placement " + placement.id() + " " + why));
        if (!why.equals(placement.reason())) {
            return CompletableFuture.completedFuture(null); // it was placed (or failed) just before: not ours to withdraw
        }
        String leaseId = placement.leaseId;
        return engine.revoke(leaseId, "scheduler", why).handle((l, e) -> null);
    }

    public Optional<Placement> placement(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Stops waiting for a placement (its step was stopped, its wait ran out): the placement fails with
     * {@code reason} and its lease request is revoked, so the engine never grants it. A placement that was
     * already placed is left alone (its holder releases the lease). Idempotent.
     */
    public CompletableFuture<Void> cancel(String placementId, String by, String reason) {
        Placement p = byId.get(placementId);
        if (p == null || p.state().isTerminal()) {
            return CompletableFuture.completedFuture(null);
        }
        p.failed(reason, new NotGrantedException("placement " + placementId + " cancelled: " + reason));
        String leaseId = p.leaseId;
        return engine.revoke(leaseId, by, reason).handle((l, e) -> null);
    }

    /** The plan of the last scaling round, or null before the first. */
    public ScalingPlan lastPlan() {
        return lastPlan;
    }

    /** Runs a scaling round after any under way; completes with its plan once its actions are durable. */
    public synchronized CompletableFuture<ScalingPlan> reconcile() {
        rounds = rounds.handle((p, e) -> null).thenCompose(x -> round());
        return rounds;
    }

    /** Asks for a round soon; many asks while one is queued make one round. */
    private void requestRound() {
        if (closed || !roundQueued.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            rounds = rounds.handle((p, e) -> null).thenCompose(x -> {
                roundQueued.set(false);
                return round();
            });
        }
    }

    private CompletableFuture<ScalingPlan> round() {
        return engine.capacity().thenCompose(snapshot -> {
            ScalingPlan plan = ScalingDecider.decide(new ScalingDecider.Input(snapshot.at(), config.pools(),
                    provisionable, config.capacityOrNone(), snapshot.resources(), demands(snapshot), snapshot.heldByOwner()));
            lastPlan = plan;
            return apply(plan);
        });
    }

    private List<ScalingDecider.Demand> demands(CapacitySnapshot snapshot) {
        List<ScalingDecider.Demand> out = new ArrayList<>(snapshot.waiting().size());
        for (CapacitySnapshot.WaitingRequest w : snapshot.waiting()) {
            Placement p = byLease.get(w.id());
            if (p != null) {
                out.add(new ScalingDecider.Demand(w.id(), p.request()));
            } else if (!w.placed()) {
                var r = w.request();
                out.add(new ScalingDecider.Demand(w.id(), new PlacementRequest(r.owner(), r.pool(), r.capability(),
                        List.of(), r.count(), r.priority(), null, null, null, r.ttl(), null), false));
            }
        }
        return out;
    }

    private CompletableFuture<ScalingPlan> apply(ScalingPlan plan) {
        List<CompletableFuture<?>> actions = new ArrayList<>();
        plan.requests().forEach((leaseId, verdict) -> {
            Placement p = byLease.get(leaseId);
            if (p == null) {
                return;
            }
            if (verdict.never()) {
                // Waiting would hold back the requests behind it (they may not take what it reserves) for nothing.
                p.failed(verdict.reason(), new NotGrantedException("placement " + p.id() + " " + verdict.reason()));
                actions.add(engine.revoke(leaseId, "scheduler", verdict.reason()).exceptionally(e -> null));
            } else {
                p.update(verdict.blocked() ? PlacementState.BLOCKED : PlacementState.WAITING_FOR_CAPACITY, verdict.reason());
            }
        });
        for (ScalingPlan.Provision p : plan.provisions()) {
            // A refusal (a cap raced with another writer) leaves the demand for the next round to judge.
            actions.add(engine.provision(p.pool(), p.count(), p.reason()).exceptionally(e -> null));
        }
        for (ScalingPlan.Deprovision d : plan.deprovisions()) {
            // Refused when the resource was leased meanwhile: it is busy again, which is fine.
            actions.add(engine.retire(d.resourceId(), d.reason()).exceptionally(e -> null));
        }
        return CompletableFuture.allOf(actions.toArray(CompletableFuture[]::new)).thenApply(v -> plan);
    }

    /** Stops the periodic round. Waiting placements stay in the engine until it closes. */
    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
