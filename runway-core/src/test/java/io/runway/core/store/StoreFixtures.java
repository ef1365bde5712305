package io.runway.core.store;

import io.runway.core.lease.LeaseState;
import io.runway.core.resource.ResourceState;
import java.time.Instant;
import java.util.List;

/** Small builders for store records, shared by the contract tests and store-specific tests. */
public final class StoreFixtures {
    /** A fixed instant with nanoseconds, so a store that drops precision is caught. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456789Z");

    private StoreFixtures() {
    }

    public static LeaseRecord lease(String id, long version) {
        return new LeaseRecord(id, version, "owner-" + id, "hash-" + id, 7, LeaseState.ACTIVE,
                List.of("r-" + id), 0, T0, T0.plusNanos(1), T0.plusSeconds(600), null, null);
    }

    public static ResourceRecord resource(String id, long version) {
        return new ResourceRecord(id, version, "pool-a", ResourceState.LEASED, "lease-of-" + id, T0, version);
    }

    public static AuditEvent event(String leaseId, String type) {
        return new AuditEvent(T0, leaseId, null, type, "engine", null, null, null);
    }

    public static StoreBatch leases(LeaseRecord... leases) {
        return new StoreBatch(List.of(leases), List.of(), List.of(), List.of(), 0);
    }

    public static StoreBatch resources(ResourceRecord... resources) {
        return new StoreBatch(List.of(), List.of(resources), List.of(), List.of(), 0);
    }

    public static StoreBatch events(AuditEvent... events) {
        return new StoreBatch(List.of(), List.of(), List.of(events), List.of(), 0);
    }

    public static StoreBatch purge(String... leaseIds) {
        return new StoreBatch(List.of(), List.of(), List.of(), List.of(leaseIds), 0);
    }

    public static StoreBatch fencing(long highWater) {
        return new StoreBatch(List.of(), List.of(), List.of(), List.of(), highWater);
    }

    /** A grant-like batch: the lease, its resource, and two audit events, all at the given version. */
    public static StoreBatch grant(String leaseId, long version) {
        return new StoreBatch(List.of(lease(leaseId, version)), List.of(resource("r-" + leaseId, version)),
                List.of(event(leaseId, "lease.v" + version), event(leaseId, "resource.v" + version)), List.of(),
                version);
    }
}
