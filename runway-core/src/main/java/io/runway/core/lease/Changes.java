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
import java.util.concurrent.CompletableFuture;

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
    /** Callers waiting on this batch, failed if it never becomes durable. */
    final List<CompletableFuture<?>> replies = new ArrayList<>();
    /** Resources whose provider cleanup may start once the batch is durable. */
    final List<ResourceSlot> cleanups = new ArrayList<>();
    /** Waiters granted in this batch; a multi-controller engine queues them again if the batch conflicts. */
    final List<Waiter> granted = new ArrayList<>();
    /** Documents to write with the batch ({@code capacity} documents of provisioned resources). */
    final List<io.runway.core.store.DocumentRecord> documents = new ArrayList<>();
    /** Resources whose provider provisioning may start once the batch is durable (intent before side effect). */
    final List<ResourceSlot> provisions = new ArrayList<>();
    /** Retired resources whose provider deprovisioning may start once the batch is durable. */
    final List<ResourceSlot> deprovisions = new ArrayList<>();

    /**
     * Adds a lease write. A record written twice in one batch is collapsed into one write of the version
     * after the store's (a store accepts each id once per batch); returns the record as it will be stored,
     * which the caller must keep as its current record.
     */
    LeaseRecord put(LeaseRecord record) {
        LeaseRecord earlier = leases.get(record.id());
        LeaseRecord stored = earlier == null ? record : record.withVersion(earlier.version());
        leases.put(record.id(), stored);
        return stored;
    }

    /** Adds the slot's current record as a resource write, collapsed like {@link #put(LeaseRecord)}. */
    void put(ResourceSlot slot) {
        ResourceRecord earlier = resources.get(slot.id);
        if (earlier != null) {
            slot.record = slot.record.withVersion(earlier.version());
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

    /** Runs {@code onDurable} once the batch is durable; fails {@code reply} if it never becomes durable. */
    void then(CompletableFuture<?> reply, Runnable onDurable) {
        replies.add(reply);
        afterDurable.add(onDurable);
    }

    void failReplies(Throwable why) {
        replies.forEach(r -> r.completeExceptionally(why));
    }

    boolean hasWrites() {
        return !leases.isEmpty() || !resources.isEmpty() || !events.isEmpty() || !purged.isEmpty()
                || !documents.isEmpty();
    }

    boolean isEmpty() {
        return !hasWrites() && leaseViews.isEmpty() && resourceViews.isEmpty() && afterDurable.isEmpty()
                && cleanups.isEmpty() && provisions.isEmpty() && deprovisions.isEmpty();
    }

    StoreBatch toBatch(long fencingHighWater) {
        return new StoreBatch(List.copyOf(leases.values()), List.copyOf(resources.values()), events, purged,
                fencingHighWater, documents);
    }
}
