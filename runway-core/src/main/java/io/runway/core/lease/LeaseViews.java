package io.runway.core.lease;

import io.runway.core.resource.ResourceView;
import io.runway.core.store.LeaseRecord;
import java.util.List;

/** Builds reader snapshots from durable records. */
final class LeaseViews {
    private LeaseViews() {}

    static Lease of(LeaseRecord r, List<ResourceView> resources, String capability) {
        String pool = resources.stream().map(ResourceView::pool).distinct().count() == 1 ? resources.get(0).pool() : null;
        return new Lease(r.id(), r.owner(), r.state(), pool, capability, r.resourceIds().size(), r.priority(),
                resources, r.fencingToken(), r.requestedAt(), r.grantedAt(), r.expiresAt(), r.endedAt(), r.endReason());
    }
}
