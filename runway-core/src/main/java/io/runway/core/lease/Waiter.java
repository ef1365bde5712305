package io.runway.core.lease;

import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;

/** A request waiting for resources. Queued higher priority first, then first come first served. */
final class Waiter {
    static final Comparator<Waiter> ORDER =
            Comparator.comparingInt((Waiter w) -> -w.request.priority()).thenComparingLong(w -> w.seq);

    final String id;
    final long seq;
    final LeaseRequest request;
    final PoolSlot scope;
    final Instant requestedAt;
    final Instant deadline;
    final CompletableFuture<Grant> reply;
    /** How a placed request chooses its resources; null for a plain lease request (labels, oldest free first). */
    final PlacementPolicy policy;

    Waiter(String id, long seq, LeaseRequest request, PoolSlot scope, Instant requestedAt,
           CompletableFuture<Grant> reply) {
        this(id, seq, request, scope, requestedAt, reply, null);
    }

    Waiter(String id, long seq, LeaseRequest request, PoolSlot scope, Instant requestedAt,
           CompletableFuture<Grant> reply, PlacementPolicy policy) {
        this.policy = policy;
        this.id = id;
        this.seq = seq;
        this.request = request;
        this.scope = scope;
        this.requestedAt = requestedAt;
        this.deadline = requestedAt.plus(request.waitFor());
        this.reply = reply;
    }

    Lease view(LeaseState state, Instant endedAt, String reason) {
        return new Lease(id, request.owner(), state, scope == null ? null : scope.name(),
                request.capability().toString(), request.count(), request.priority(), java.util.List.of(), 0,
                requestedAt, null, deadline, endedAt, reason);
    }
}
