package io.runway.core.lease;

import io.runway.core.resource.ResourceView;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one round of decisions produced: records to make durable, views to publish and replies and
 * provider work to release once they are durable. Nothing here has touched the outside world yet.
 */
final class Changes {
    final Map<String, LeaseRecord> leases = new LinkedHashMap<>();
    final Map<String, ResourceRecord> resources = new LinkedHashMap<>();
    final List<AuditEvent> events = new ArrayList<>();
    final List<String> purged = new ArrayList<>();
    final Map<String, Lease> leaseViews = new LinkedHashMap<>();
    final Map<String, ResourceView> resourceViews = new LinkedHashMap<>();
    /** Run in order once the batch is durable: replies to callers. */
    final List<Runnable> afterDurable = new ArrayList<>();
    /** Resources whose provider cleanup may start once the batch is durable. */
    final List<ResourceSlot> cleanups = new ArrayList<>();

    /**
     * Adds a lease write and returns the record the writer must keep. A record changed twice in one batch
     * (renewed, then released) is written once, at the version the store expects: one more than it holds.
     */
    LeaseRecord put(LeaseRecord record) {
        LeaseRecord earlier = leases.get(record.id());
        LeaseRecord kept = earlier == null || earlier.version() == record.version() ? record
                : new LeaseRecord(record.id(), earlier.version(), record.owner(), record.tokenHash(),
                        record.fencingToken(), record.state(), record.resourceIds(), record.priority(),
                        record.requestedAt(), record.grantedAt(), record.expiresAt(), record.endedAt(), record.endReason());
        leases.put(record.id(), kept);
        return kept;
    }

    /** Adds the slot's current record; like leases, one write per resource per batch (released, then re-granted). */
    void put(ResourceSlot slot) {
        ResourceRecord earlier = resources.get(slot.id);
        ResourceRecord r = slot.record;
        if (earlier != null && earlier.version() != r.version()) {
            slot.record = new ResourceRecord(r.id(), earlier.version(), r.pool(), r.state(), r.leaseId(), r.stateSince(),
                    r.lastFencingToken());
        }
        resources.put(slot.id, slot.record);
        resourceViews.put(slot.id, slot.view());
    }

    void event(AuditEvent event) {
        events.add(event);
    }

    void publish(Lease view) {
        leaseViews.put(view.id(), view);
    }

    void then(Runnable reply) {
        afterDurable.add(reply);
    }

    boolean hasWrites() {
        return !leases.isEmpty() || !resources.isEmpty() || !events.isEmpty() || !purged.isEmpty();
    }

    boolean isEmpty() {
        return !hasWrites() && leaseViews.isEmpty() && afterDurable.isEmpty() && cleanups.isEmpty();
    }

    StoreBatch toBatch(long fencingHighWater) {
        return new StoreBatch(List.copyOf(leases.values()), List.copyOf(resources.values()), events, purged,
                fencingHighWater);
    }
}
