package io.runway.core.lease;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consistent picture, taken on the engine's writer right after serving its queue, of every resource that
 * is not retired and of every request still waiting: the input of scaling decisions.
 *
 * @param heldByOwner for each pool with a per-owner quota: how many resources each owner holds there
 */
public record CapacitySnapshot(Instant at, List<ResourceStatus> resources, List<WaitingRequest> waiting,
                               Map<String, Map<String, Integer>> heldByOwner) {
    public CapacitySnapshot {
        resources = List.copyOf(resources);
        waiting = List.copyOf(waiting);
        heldByOwner = Map.copyOf(heldByOwner);
    }

    /** A request in the engine's queue, in queue order. */
    public record WaitingRequest(String id, LeaseRequest request, Instant requestedAt, boolean placed) {}
}
