package io.runway.core.lease;

import io.runway.core.resource.ResourceView;
import io.runway.core.store.LeaseRecord;
import java.util.List;

/** Builds reader snapshots from durable records. */
final class LeaseViews {
    private LeaseViews() {}

    static Lease of(LeaseRecord r, List<ResourceView> resources, String capability) {
        String pool = resources.isEmpty() ? null : resources.get(0).pool();
        for (ResourceView resource : resources) {
            if (!resource.pool().equals(pool)) {
                pool = null; // resources from several pools
                break;
            }
        }
        return new Lease(r.id(), r.owner(), r.state(), pool, capability, r.resourceIds().size(), r.priority(),
                resources, r.fencingToken(), r.requestedAt(), r.grantedAt(), r.expiresAt(), r.endedAt(), r.endReason());
    }
}
