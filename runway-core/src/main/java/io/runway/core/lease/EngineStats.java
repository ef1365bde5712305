package io.runway.core.lease;

import java.util.Map;

/**
 * Counters since start and current gauges, for metrics. Counters only grow.
 *
 * @param freeByPool free resources per pool
 * @param batches store commits issued
 * @param commands commands decided
 */
public record EngineStats(
        long granted,
        long released,
        long expired,
        long revoked,
        long timedOut,
        long rejected,
        long renewed,
        int active,
        int waiting,
        Map<String, Integer> freeByPool,
        long batches,
        long commands) {}
