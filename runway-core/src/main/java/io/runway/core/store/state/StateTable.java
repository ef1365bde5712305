package io.runway.core.store.state;

import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Current state of a store in memory: leases, resources, the fencing high water and the audit events of
 * each lease. Batches are applied whole, in order, by a single writer; versions are checked before (see
 * {@link VersionLedger}). Not thread-safe: the owning store guards it.
 *
 * <p>Event lists are immutable and replaced on append, so {@link #copy()} is a shallow copy and readers
 * can hand lists out without copying. Leases have few events, so copy-on-append is cheap.
 */
public final class StateTable {
    private final Map<String, LeaseRecord> leases;
    private final Map<String, ResourceRecord> resources;
    private final Map<String, List<AuditEvent>> eventsByLease;
    private long fencingHighWater;

    public StateTable() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>(), 0);
    }

    private StateTable(Map<String, LeaseRecord> leases, Map<String, ResourceRecord> resources,
            Map<String, List<AuditEvent>> eventsByLease, long fencingHighWater) {
        this.leases = leases;
        this.resources = resources;
        this.eventsByLease = eventsByLease;
        this.fencingHighWater = fencingHighWater;
    }

    /** Applies a batch whose versions were already checked: puts, then events, then purges. */
    public void apply(StoreBatch batch) {
        for (LeaseRecord lease : batch.leases()) {
            leases.put(lease.id(), lease);
        }
        for (ResourceRecord resource : batch.resources()) {
            resources.put(resource.id(), resource);
        }
        for (AuditEvent event : batch.events()) {
            appendEvent(event);
        }
        for (String leaseId : batch.purgedLeaseIds()) {
            leases.remove(leaseId);
            eventsByLease.remove(leaseId);
        }
        raiseFencingHighWater(batch.fencingHighWater());
    }

    /** Events without a lease id are not kept: nothing reads them back through the SPI. */
    private void appendEvent(AuditEvent event) {
        if (event.leaseId() == null) {
            return;
        }
        List<AuditEvent> old = eventsByLease.get(event.leaseId());
        if (old == null) {
            eventsByLease.put(event.leaseId(), List.of(event));
            return;
        }
        List<AuditEvent> grown = new ArrayList<>(old.size() + 1);
        grown.addAll(old);
        grown.add(event);
        eventsByLease.put(event.leaseId(), Collections.unmodifiableList(grown));
    }

    public void putLease(LeaseRecord lease) {
        leases.put(lease.id(), lease);
    }

    public void putResource(ResourceRecord resource) {
        resources.put(resource.id(), resource);
    }

    /** Replaces the events of one lease (used when reading a snapshot). */
    public void putEvents(String leaseId, List<AuditEvent> events) {
        eventsByLease.put(leaseId, List.copyOf(events));
    }

    public void raiseFencingHighWater(long seen) {
        fencingHighWater = Math.max(fencingHighWater, seen);
    }

    public List<AuditEvent> events(String leaseId) {
        return eventsByLease.getOrDefault(leaseId, List.of());
    }

    public StoredState toStoredState() {
        return new StoredState(leases, resources, fencingHighWater);
    }

    /** A point-in-time copy that later applies do not affect; O(ids), shares the immutable values. */
    public StateTable copy() {
        return new StateTable(new HashMap<>(leases), new HashMap<>(resources), new HashMap<>(eventsByLease),
                fencingHighWater);
    }

    public Map<String, LeaseRecord> leases() {
        return Collections.unmodifiableMap(leases);
    }

    public Map<String, ResourceRecord> resources() {
        return Collections.unmodifiableMap(resources);
    }

    public Map<String, List<AuditEvent>> eventsByLease() {
        return Collections.unmodifiableMap(eventsByLease);
    }

    public long fencingHighWater() {
        return fencingHighWater;
    }
}
