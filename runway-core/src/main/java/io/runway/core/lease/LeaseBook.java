package io.runway.core.lease;

import io.runway.core.error.ConflictException;
import io.runway.core.error.ForbiddenException;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.NotGrantedException;
import io.runway.core.error.RunwayException;
import io.runway.core.pool.LeaseLimits;
import io.runway.core.resource.ResourceState;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The lease state machine: decides grants, renewals, releases, expiries and timeouts. Pure with respect
 * to the outside world: every decision lands in a {@link Changes}, which the engine makes durable before
 * anyone hears of it. Touched only by the engine's writer, one command at a time.
 */
final class LeaseBook {
    final ResourceIndex index;
    final ResourceLifecycle lifecycle;
    /** Resources provisioned and retired at run time. */
    final Capacity capacity;
    private final LeaseLimits limits;
    private final int maxEndedLeases;
    final Map<String, HeldLease> active = new HashMap<>();
    private final TreeSet<HeldLease> byExpiry = new TreeSet<>(HeldLease.BY_EXPIRY);
    /** Ended leases in the order they ended, for idempotent release and retention. */
    final LinkedHashMap<String, LeaseRecord> ended = new LinkedHashMap<>();
    private final TreeSet<Waiter> queue = new TreeSet<>(Waiter.ORDER);
    private final Map<String, Waiter> waiting = new HashMap<>();
    private final List<Waiter> nowOrNever = new ArrayList<>();
    long fencing;
    private long seq;
    /**
     * Most records (leases, resources, purges) one batch may write; dispatch and tick leave the rest for the
     * next batch. Unbounded by default; a multi-controller engine bounds it to what one store transaction
     * takes (DynamoDB: 100 items). {@link #overBudget} says some work was left.
     */
    int writeBudget = Integer.MAX_VALUE;
    boolean overBudget;
    /** Requests whose wait ran out (read by stats from any thread). */
    final java.util.concurrent.atomic.LongAdder timedOut = new java.util.concurrent.atomic.LongAdder();

    LeaseBook(ResourceIndex index, LeaseLimits limits, int maxEndedLeases) {
        this(index, limits, maxEndedLeases, io.runway.core.pool.CapacitySpec.none());
    }

    LeaseBook(ResourceIndex index, LeaseLimits limits, int maxEndedLeases, io.runway.core.pool.CapacitySpec caps) {
        this.index = index;
        this.lifecycle = new ResourceLifecycle(index);
        this.capacity = new Capacity(index, lifecycle, caps);
        this.limits = limits;
        this.maxEndedLeases = maxEndedLeases;
    }

    int waitingCount() {
        return queue.size();
    }

    /** Queues a checked request; it is served by the next {@link #dispatch}. */
    void enqueue(String id, LeaseRequest request, PoolSlot scope, Instant now, CompletableFuture<Grant> reply,
                 Changes ch) {
        enqueue(id, request, scope, null, now, reply, ch);
    }

    /** Queues a checked request whose resources {@code policy} chooses (null: labels, oldest free first). */
    void enqueue(String id, LeaseRequest request, PoolSlot scope, PlacementPolicy policy, Instant now,
                 CompletableFuture<Grant> reply, Changes ch) {
        Waiter w = new Waiter(id, ++seq, request, scope, now, reply, policy);
        queue.add(w);
        waiting.put(id, w);
        if (request.waitFor().isZero()) {
            nowOrNever.add(w);
        } else {
            ch.publish(w.view(LeaseState.WAITING, null, null));
        }
    }

    /**
     * Serves the queue in order. A waiter that cannot be served reserves every free resource it could use,
     * so later (smaller) requests only backfill with resources the earlier ones cannot take: a large request
     * at the head is never starved by a stream of small ones.
     */
    void dispatch(Instant now, Changes ch) {
        serveQueue(now, ch);
        if (overBudget) {
            return; // the queue was not served to its end: "wait 0s" requests get their turn next batch
        }
        for (Waiter w : nowOrNever) {
            if (waiting.containsKey(w.id)) {
                timeOut(w, now, ch, "no matching resource was free and the request asked not to wait (wait 0s)");
            }
        }
        nowOrNever.clear();
    }

    /** Serves the queue as {@link #dispatch} does, but leaves "now or never" requests their chance at the batch's end. */
    void serveQueue(Instant now, Changes ch) {
        Set<ResourceSlot> reserved = new HashSet<>();
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext() && reserved.size() < index.freeCount(); ) {
            Waiter w = it.next();
            if (w.reply.isDone()) { // cancelled by the caller
                it.remove();
                waiting.remove(w.id);
                ch.publish(w.view(LeaseState.CANCELLED, now, "cancelled by the caller"));
                continue;
            }
            if (!hasRoom(ch, w.request.count() + 1)) {
                break;
            }
            Selection selection = new Selection(w.request.owner(), reserved);
            List<ResourceSlot> picked = pick(w, w.request.count(), selection);
            if (picked.size() == w.request.count()) {
                it.remove();
                waiting.remove(w.id);
                grant(w, picked, now, ch);
            } else if (!selection.quotaBound) {
                reserved.addAll(pick(w, Integer.MAX_VALUE, reserved::contains));
            }
        }
    }

    private List<ResourceSlot> pick(Waiter w, int count, java.util.function.Predicate<ResourceSlot> skip) {
        return w.policy == null ? index.pickFree(w.scope, w.request.capability(), count, skip)
                : index.shapes.pick(w.scope, w.request, w.policy, count, skip);
    }

    /** Requests still waiting, in queue order (for capacity decisions). */
    List<Waiter> waiters() {
        return List.copyOf(queue);
    }

    private boolean hasRoom(Changes ch, int more) {
        if (writeBudget == Integer.MAX_VALUE
                || ch.leases.size() + ch.resources.size() + ch.purged.size() + more <= writeBudget) {
            return true;
        }
        overBudget = true;
        return false;
    }

    private void grant(Waiter w, List<ResourceSlot> picked, Instant now, Changes ch) {
        // Above every token the picked resources ever had, even if another controller handed out a token
        // this book has not heard of: tokens grow strictly per resource whoever grants.
        for (ResourceSlot slot : picked) {
            fencing = Math.max(fencing, slot.record.lastFencingToken());
        }
        long token = ++fencing;
        ch.granted.add(w);
        String secret = LeaseTokens.newToken();
        List<String> ids = new ArrayList<>(picked.size());
        for (ResourceSlot slot : picked) {
            ids.add(slot.id);
            index.markTaken(slot);
            slot.pool.addHeld(w.request.owner(), 1);
            slot.record = slot.record.next(ResourceState.LEASED, w.id, now, token);
            ch.put(slot);
        }
        LeaseRecord record = new LeaseRecord(w.id, 1, w.request.owner(), LeaseTokens.hash(secret), token,
                LeaseState.ACTIVE, ids, w.request.priority(), w.requestedAt, now, now.plus(w.request.ttl()), null, null);
        HeldLease lease = new HeldLease(record, picked, w.request.capability().toString());
        active.put(w.id, lease);
        byExpiry.add(lease);
        ch.put(record);
        ch.event(new AuditEvent(now, w.id, null, "lease.granted", w.request.owner(), "WAITING", "ACTIVE",
                "granted " + String.join(",", ids) + " with fencing token " + token + " for " + w.request.ttl()
                        + " after waiting " + Duration.between(w.requestedAt, now)));
        Lease view = lease.view();
        ch.publish(view);
        ch.then(w.reply, () -> w.reply.complete(new Grant(view, secret)));
    }

    void renew(String id, String token, Duration ttl, Instant now, CompletableFuture<Lease> reply, Changes ch) {
        HeldLease lease = active.get(id);
        if (lease == null) {
            RunwayException why = notActive(id);
            if (why instanceof ConflictException) {
                ch.then(reply, () -> reply.completeExceptionally(why)); // the end may not be durable yet
                return;
            }
            throw why;
        }
        if (!LeaseTokens.matches(token, lease.record.tokenHash())) {
            throw new ForbiddenException("the lease token does not match lease " + id);
        }
        if (!now.isBefore(lease.record.expiresAt())) {
            Instant expiredAt = lease.record.expiresAt();
            end(lease, LeaseState.EXPIRED, "engine", "ttl elapsed at " + expiredAt + " without renewal", now, ch);
            // Answer once the expiry is durable, so a reader asked afterwards sees EXPIRED too.
            ch.then(reply, () -> reply.completeExceptionally(
                    new ConflictException("lease_not_active", "lease " + id + " is EXPIRED: ttl elapsed at " + expiredAt)));
            return;
        }
        byExpiry.remove(lease);
        lease.record = ch.put(lease.record.next(LeaseState.ACTIVE, now.plus(ttl), null, null));
        byExpiry.add(lease);
        ch.event(new AuditEvent(now, id, null, "lease.renewed", lease.record.owner(), "ACTIVE", "ACTIVE",
                "renewed for " + ttl + " until " + lease.record.expiresAt()));
        Lease view = lease.view();
        ch.publish(view);
        ch.then(reply, () -> reply.complete(view));
    }

    /**
     * Ends a lease by its owner (token) or an admin ({@code adminActor} non-null). Idempotent: ending an
     * ended lease answers its current state. A waiting request can be cancelled the same way by an admin.
     */
    void release(String id, String token, String adminActor, String reason, Instant now,
                 CompletableFuture<Lease> reply, Changes ch) {
        HeldLease lease = active.get(id);
        if (lease != null) {
            authorize(id, token, adminActor, lease.record.tokenHash());
            LeaseState to = adminActor == null ? LeaseState.RELEASED : LeaseState.REVOKED;
            String why = reason != null ? reason : adminActor == null ? "released by its owner" : "revoked by " + adminActor;
            Lease view = end(lease, to, adminActor == null ? lease.record.owner() : adminActor, why, now, ch);
            ch.then(reply, () -> reply.complete(view));
            return;
        }
        LeaseRecord done = ended.get(id);
        if (done != null) {
            authorize(id, token, adminActor, done.tokenHash());
            // The end may be in a batch still being made durable: answer behind it, never before.
            Lease view = LeaseViews.of(done, List.of(), null);
            ch.then(reply, () -> reply.complete(view));
            return;
        }
        Waiter w = waiting.get(id);
        if (w != null && adminActor != null) {
            queue.remove(w);
            waiting.remove(id);
            w.reply.completeExceptionally(new NotGrantedException("request " + id + " was cancelled by " + adminActor));
            Lease view = w.view(LeaseState.CANCELLED, now, "cancelled by " + adminActor);
            ch.publish(view);
            ch.then(reply, () -> reply.complete(view));
            return;
        }
        throw new NotFoundException("id", "no lease " + id);
    }

    private static void authorize(String id, String token, String adminActor, String tokenHash) {
        if (adminActor == null && !LeaseTokens.matches(token, tokenHash)) {
            throw new ForbiddenException("the lease token does not match lease " + id);
        }
    }

    private Lease end(HeldLease lease, LeaseState to, String actor, String reason, Instant now, Changes ch) {
        active.remove(lease.id());
        byExpiry.remove(lease);
        lease.record = ch.put(lease.record.next(to, lease.record.expiresAt(), now, reason));
        ended.put(lease.id(), lease.record);
        trimEnded(ch);
        List<String> notes = new ArrayList<>();
        for (ResourceSlot slot : lease.slots) {
            slot.pool.addHeld(lease.record.owner(), -1);
            notes.add(lifecycle.returned(slot, lease.id(), now, ch));
        }
        ch.event(new AuditEvent(now, lease.id(), null, "lease." + to.name().toLowerCase(java.util.Locale.ROOT), actor,
                "ACTIVE", to.name(), reason + "; resources " + String.join(", ", notes)));
        Lease view = LeaseViews.of(lease.record, lease.slots.stream().map(ResourceSlot::view).toList(), lease.capability);
        ch.publish(view);
        return view;
    }

    /** Expires leases, times out waiters, moves resources along, serves the queue, applies retention. */
    void tick(Instant now, Changes ch) {
        while (!byExpiry.isEmpty() && !now.isBefore(byExpiry.first().record.expiresAt())
                && hasRoom(ch, 1 + byExpiry.first().slots.size())) {
            HeldLease lease = byExpiry.first();
            end(lease, LeaseState.EXPIRED, "engine", "ttl elapsed at " + lease.record.expiresAt() + " without renewal",
                    now, ch);
        }
        lifecycle.tick(now, ch);
        capacity.tick(now, ch);
        dispatch(now, ch);
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (!now.isBefore(w.deadline)) {
                it.remove();
                timeOut(w, now, ch, "no matching resources became free within " + w.request.waitFor());
            }
        }
        purgeEnded(now, ch);
    }

    private void timeOut(Waiter w, Instant now, Changes ch, String reason) {
        timedOut.increment();
        queue.remove(w);
        waiting.remove(w.id);
        ch.publish(w.view(LeaseState.TIMED_OUT, now, reason));
        w.reply.completeExceptionally(new NotGrantedException("lease request " + w.id + " not granted: " + reason));
    }

    /**
     * Holds the ended leases to {@code maxEndedLeases} as each one ends. Under a steady stream of releases
     * the purges then ride along with them, one or two per batch, instead of piling up into one large batch
     * per tick (at 10,000 releases/s that was ~2,000 purges every 200 ms, a stall every hand-off behind it
     * waited for).
     */
    private void trimEnded(Changes ch) {
        if (ended.size() <= maxEndedLeases) {
            return; // the usual case on every lease end: no iterator to allocate
        }
        for (Iterator<LeaseRecord> it = ended.values().iterator(); ended.size() > maxEndedLeases && it.hasNext(); ) {
            LeaseRecord oldest = it.next();
            if (!hasRoom(ch, 1)) {
                return; // the tick purges the rest
            }
            it.remove();
            ch.purged.add(oldest.id());
        }
    }

    private void purgeEnded(Instant now, Changes ch) {
        Instant horizon = now.minus(limits.retention());
        for (Iterator<LeaseRecord> it = ended.values().iterator(); it.hasNext(); ) {
            LeaseRecord r = it.next();
            if (ended.size() <= maxEndedLeases && r.endedAt().isAfter(horizon) || !hasRoom(ch, 1)) {
                break;
            }
            it.remove();
            ch.purged.add(r.id());
        }
    }

    /** Fails every waiting request (engine shutting down). */
    void cancelAllWaiting(RuntimeException why, Instant now, Changes ch) {
        for (Waiter w : List.copyOf(queue)) {
            queue.remove(w);
            waiting.remove(w.id);
            ch.publish(w.view(LeaseState.CANCELLED, now, why.getMessage()));
            w.reply.completeExceptionally(why);
        }
        nowOrNever.clear();
    }

    private RunwayException notActive(String id) {
        LeaseRecord done = ended.get(id);
        if (done != null) {
            return new ConflictException("lease_not_active", "lease " + id + " is " + done.state() + ": " + done.endReason());
        }
        return new NotFoundException("id", "no lease " + id);
    }

    /**
     * Takes over a waiter from a book this one replaces (multi-controller re-decision), keeping its id,
     * place in the queue, deadline and reply.
     */
    void adopt(Waiter w) {
        PoolSlot scope = w.scope == null ? null : index.pool(w.scope.name());
        Waiter moved = new Waiter(w.id, w.seq, w.request, scope, w.requestedAt, w.reply);
        seq = Math.max(seq, w.seq);
        queue.add(moved);
        waiting.put(moved.id, moved);
        if (w.request.waitFor().isZero()) {
            nowOrNever.add(moved);
        }
    }

    void restoreActive(HeldLease lease) {
        active.put(lease.id(), lease);
        byExpiry.add(lease);
        for (ResourceSlot slot : lease.slots) {
            slot.pool.addHeld(lease.record.owner(), 1);
        }
    }

    /** Accepts free resources for one waiter: not reserved by an earlier waiter, within the owner's quota. */
    private static final class Selection implements java.util.function.Predicate<ResourceSlot> {
        private final String owner;
        private final Set<ResourceSlot> reserved;
        private final Map<PoolSlot, Integer> taken = new HashMap<>();
        boolean quotaBound;

        Selection(String owner, Set<ResourceSlot> reserved) {
            this.owner = owner;
            this.reserved = reserved;
        }

        /** Returns true to skip the slot. */
        @Override
        public boolean test(ResourceSlot slot) {
            if (reserved.contains(slot)) {
                return true;
            }
            int already = taken.getOrDefault(slot.pool, 0);
            if (already >= slot.pool.quotaLeft(owner)) {
                quotaBound = true;
                return true;
            }
            taken.put(slot.pool, already + 1);
            return false;
        }
    }
}
