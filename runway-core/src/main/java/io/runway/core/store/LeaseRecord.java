package io.runway.core.store;

import io.runway.core.lease.LeaseState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The durable form of a granted lease. {@code version} starts at 1 and grows by one on every write; a
 * store accepts a write only when it holds {@code version - 1} (or nothing, for version 1).
 *
 * @param tokenHash SHA-256 of the secret lease token, hex; the token itself is never stored
 * @param endedAt null while ACTIVE
 * @param endReason null while ACTIVE
 */
public record LeaseRecord(
        String id,
        long version,
        String owner,
        String tokenHash,
        long fencingToken,
        LeaseState state,
        List<String> resourceIds,
        int priority,
        Instant requestedAt,
        Instant grantedAt,
        Instant expiresAt,
        Instant endedAt,
        String endReason) {

    public LeaseRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        resourceIds = List.copyOf(resourceIds);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
    }

    /** The next version of this record with another state/expiry. */
    public LeaseRecord next(LeaseState newState, Instant newExpiresAt, Instant newEndedAt, String newEndReason) {
        return new LeaseRecord(id, version + 1, owner, tokenHash, fencingToken, newState, resourceIds, priority,
                requestedAt, grantedAt, newExpiresAt, newEndedAt, newEndReason);
    }

    public LeaseRecord withVersion(long newVersion) {
        return new LeaseRecord(id, newVersion, owner, tokenHash, fencingToken, state, resourceIds, priority,
                requestedAt, grantedAt, expiresAt, endedAt, endReason);
    }
}
