package io.runway.core.lease;

import io.runway.core.resource.ResourceView;
import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot of a lease as readers see it. Never carries the secret token.
 *
 * @param pool the pool asked for, or null for "any pool"
 * @param capability the capability expression asked for ("" for none)
 * @param fencingToken 0 while WAITING
 * @param grantedAt null while WAITING
 * @param expiresAt while WAITING, when the wait ends; afterwards, when the lease expires unless renewed
 */
public record Lease(
        String id,
        String owner,
        LeaseState state,
        String pool,
        String capability,
        int count,
        int priority,
        List<ResourceView> resources,
        long fencingToken,
        Instant requestedAt,
        Instant grantedAt,
        Instant expiresAt,
        Instant endedAt,
        String endReason) {

    public Lease {
        resources = List.copyOf(resources);
    }

    public List<String> resourceIds() {
        return resources.stream().map(ResourceView::id).toList();
    }
}
