package io.runway.core.store.memory;

import io.runway.core.error.ConflictException;
import io.runway.core.error.UnavailableException;
import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.store.StoredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A non-durable store with the full contract (versions, all-or-nothing, purge); for tests and dry runs. */
public final class InMemoryStateStore implements StateStore {
    private final Map<String, LeaseRecord> leases = new HashMap<>();
    private final Map<String, ResourceRecord> resources = new HashMap<>();
    private final Map<String, List<AuditEvent>> events = new HashMap<>();
    private long fencingHighWater;
    private boolean closed;

    @Override
    public synchronized StoredState load() {
        return new StoredState(leases, resources, fencingHighWater);
    }

    @Override
    public synchronized CompletableFuture<Void> commit(StoreBatch batch) {
        if (closed) {
            return CompletableFuture.failedFuture(new UnavailableException("store is closed", null));
        }
        for (LeaseRecord r : batch.leases()) {
            LeaseRecord current = leases.get(r.id());
            if (r.version() != (current == null ? 1 : current.version() + 1)) {
                return conflict("lease", r.id(), r.version(), current == null ? 0 : current.version());
            }
        }
        for (ResourceRecord r : batch.resources()) {
            ResourceRecord current = resources.get(r.id());
            if (r.version() != (current == null ? 1 : current.version() + 1)) {
                return conflict("resource", r.id(), r.version(), current == null ? 0 : current.version());
            }
        }
        batch.leases().forEach(r -> leases.put(r.id(), r));
        batch.resources().forEach(r -> resources.put(r.id(), r));
        for (AuditEvent e : batch.events()) {
            if (e.leaseId() != null) {
                events.computeIfAbsent(e.leaseId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (String id : batch.purgedLeaseIds()) {
            leases.remove(id);
            events.remove(id);
        }
        fencingHighWater = Math.max(fencingHighWater, batch.fencingHighWater());
        return CompletableFuture.completedFuture(null);
    }

    private static CompletableFuture<Void> conflict(String kind, String id, long version, long stored) {
        return CompletableFuture.failedFuture(new ConflictException("version_conflict",
                kind + " " + id + ": write of version " + version + " but the store holds version " + stored));
    }

    @Override
    public synchronized List<AuditEvent> events(String leaseId) {
        return List.copyOf(events.getOrDefault(leaseId, List.of()));
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
