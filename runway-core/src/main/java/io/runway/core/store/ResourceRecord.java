package io.runway.core.store;

import io.runway.core.resource.ResourceState;
import java.time.Instant;
import java.util.Objects;

/**
 * The durable state of one resource. Labels and attributes come from configuration, not from here.
 *
 * @param leaseId the lease holding it while LEASED, the lease that last held it while DIRTY/CLEANING, else null
 * @param lastFencingToken the fencing token of the last grant on this resource (0 if never granted)
 */
public record ResourceRecord(
        String id,
        long version,
        String pool,
        ResourceState state,
        String leaseId,
        Instant stateSince,
        long lastFencingToken) {

    public ResourceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stateSince, "stateSince");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    public ResourceRecord next(ResourceState newState, String newLeaseId, Instant since, long fencingToken) {
        return new ResourceRecord(id, version + 1, pool, newState, newLeaseId, since, fencingToken);
    }

    public ResourceRecord withVersion(long newVersion) {
        return new ResourceRecord(id, newVersion, pool, state, leaseId, stateSince, lastFencingToken);
    }
}
