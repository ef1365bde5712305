package io.runway.core.placement;

import io.runway.core.lease.Grant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A placement under way: its id, what it asked for, where it is and why, and the grant it ends in. The
 * grant is a lease like any other (renew, release, fencing token, expiry, audit trail).
 */
public final class Placement {
    private final String id;
    private final PlacementRequest request;
    private final CompletableFuture<Grant> grant = new CompletableFuture<>();
    private volatile PlacementState state = PlacementState.QUEUED;
    private volatile String reason = "queued";
    private final List<Consumer<Placement>> listeners = new CopyOnWriteArrayList<>();
    /** The lease request currently standing for it in the engine (changes when a long wait is renewed). */
    volatile String leaseId;

    Placement(String id, PlacementRequest request) {
        this.id = id;
        this.request = request;
    }

    public String id() {
        return id;
    }

    public PlacementRequest request() {
        return request;
    }

    public PlacementState state() {
        return state;
    }

    /** Why it is in its state, in words a person can act on (e.g. why it is blocked). */
    public String reason() {
        return reason;
    }

    public CompletableFuture<Grant> grant() {
        return grant;
    }

    /** The id of the lease request standing for it now (it changes when a long wait is asked again). */
    public String leaseId() {
        return leaseId;
    }

    /**
     * Calls {@code listener} whenever the state or the reason changes (not for rounds that find it unchanged).
     * Listeners run on the thread making the change and must not block.
     */
    public void onChange(Consumer<Placement> listener) {
        listeners.add(listener);
    }

    void update(PlacementState newState, String newReason) {
        boolean changed;
        synchronized (this) {
            changed = !state.isTerminal() && (state != newState || !reason.equals(newReason));
            if (changed) {
                state = newState;
                reason = newReason;
            }
        }
        if (changed) {
            listeners.forEach(l -> l.accept(this));
        }
    }

    void placed(Grant g) {
        update(PlacementState.PLACED, "placed on " + String.join(", ", g.lease().resourceIds()));
        grant.complete(g);
    }

    void failed(String why, Throwable cause) {
        update(PlacementState.FAILED, why);
        grant.completeExceptionally(cause);
    }

    @Override
    public String toString() {
        return "Placement[" + id + " " + state + ": " + reason + "]";
    }
}
