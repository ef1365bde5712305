package io.runway.core.lease;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;

/**
 * How a placed request chooses its resources, given to {@link LeaseEngine#acquire(LeaseRequest, PlacementPolicy)}.
 * The engine still decides on its single writer, all or nothing, in priority/FIFO order with reservation;
 * the policy only says which free resources are feasible and which it prefers.
 *
 * <p>The engine groups resources by <em>shape</em> (pool, labels and attributes) and asks {@link #accepts}
 * once per shape and policy {@link #key()}, so a decision costs what the number of shapes costs, not the
 * number of resources. Implementations must be pure and immutable: the same key must always accept the
 * same shapes.
 */
public interface PlacementPolicy {

    /** Identifies {@link #accepts}'s answers: two policies with the same key accept the same shapes. */
    String key();

    /**
     * Whether a resource of this shape is feasible (the request's labels and pool scope are checked too).
     * {@code attributes} holds at least the attributes named by {@link #attributesRead()}.
     */
    boolean accepts(String pool, Set<String> labels, Map<String, Object> attributes);

    /**
     * The attribute names {@link #accepts} and {@link #order} read. The engine groups resources by these
     * attributes only, so attributes no policy reads (a unique host name, say) do not split shapes.
     */
    Set<String> attributesRead();

    /** Preference among feasible shapes with free resources: the first is taken from first. */
    Comparator<ShapeView> order();

    /**
     * Within one shape, take the most recently freed resource first (true: keeps a hot working set so the
     * rest stays idle long enough to be scaled down) or the longest free first (false: rotates).
     */
    boolean newestFirst();

    /**
     * A shape as scoring sees it.
     *
     * @param poolSize resources of the pool that are not retired (including those being provisioned)
     * @param poolFree free resources of the pool
     * @param free free resources of this shape
     * @param attributes the shape's attributes that some policy reads (see {@link #attributesRead()})
     */
    record ShapeView(String pool, int poolSize, int poolFree, Map<String, Object> attributes, int free) {
        /** Share of the pool that is busy (leased, cooling down, cleaning or provisioning), 0..1. */
        public double poolBusyShare() {
            return poolSize == 0 ? 0 : (double) (poolSize - poolFree) / poolSize;
        }
    }
}
