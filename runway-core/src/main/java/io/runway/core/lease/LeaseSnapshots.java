package io.runway.core.lease;

import io.runway.core.resource.ResourceView;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What readers see: immutable lease and resource snapshots, replaced only once the state they show is
 * durable. Requests that ended without a grant (timed out, cancelled) are not kept.
 */
final class LeaseSnapshots {
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Map<String, ResourceView> resources = new ConcurrentHashMap<>();

    void publish(Changes ch) {
        for (Lease view : ch.leaseViews.values()) {
            if (view.state().isTerminal() && !view.state().wasGranted()) {
                leases.remove(view.id());
            } else {
                leases.put(view.id(), view);
            }
        }
        resources.putAll(ch.resourceViews);
        ch.purged.forEach(leases::remove);
    }

    Lease lease(String id) {
        return leases.get(id);
    }

    Collection<Lease> leases() {
        return leases.values();
    }

    Collection<ResourceView> resources() {
        return resources.values();
    }
}
