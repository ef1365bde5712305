package io.runway.core.lease;

import java.time.Instant;
import java.util.List;

/**
 * A consistent picture, taken on the engine's writer right after serving its queue, of every resource that
 * is not retired and of every request still waiting: the input of scaling decisions.
 */
public record CapacitySnapshot(Instant at, List<ResourceStatus> resources, List<WaitingRequest> waiting) {
    public CapacitySnapshot {
        resources = List.copyOf(resources);
        waiting = List.copyOf(waiting);
    }

    /** A request in the engine's queue, in queue order. */
    public record WaitingRequest(String id, LeaseRequest request, Instant requestedAt, boolean placed) {}
}
