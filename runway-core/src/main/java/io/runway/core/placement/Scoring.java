package io.runway.core.placement;

/**
 * How a placement ranks feasible resources (Nomad-style second stage, after filtering).
 * Costs come from the {@code costPerHour} attribute (absent counts as 0).
 */
public enum Scoring {
    /**
     * Default. Fill the busiest pool first and, within a shape, take the most recently freed resource, so
     * work stays on a hot set and idle resources stay idle long enough to be scaled down.
     */
    BIN_PACK,
    /** Prefer the least busy pool and the longest-free resource, spreading work out. */
    SPREAD,
    /** Prefer the lowest {@code costPerHour}, then as {@link #BIN_PACK}. */
    CHEAPEST
}
