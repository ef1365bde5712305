package io.runway.core.store.state;

import io.runway.core.error.ConflictException;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import io.runway.core.store.StoreBatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The record versions a store has accepted, so a batch can be checked before it is applied or queued.
 * A store that makes batches durable later (group commit) checks against this ledger rather than against
 * its durable state, because batches still in the queue must count. Not thread-safe: callers serialize.
 */
public final class VersionLedger {
    private final Map<String, Long> leaseVersions = new HashMap<>();
    private final Map<String, Long> resourceVersions = new HashMap<>();

    /** Seeds the ledger from state read at start-up. */
    public void seed(StateTable table) {
        table.leases().forEach((id, lease) -> leaseVersions.put(id, lease.version()));
        table.resources().forEach((id, resource) -> resourceVersions.put(id, resource.version()));
    }

    /**
     * Checks every record of the batch against the accepted versions, then records the batch as accepted.
     * Nothing is recorded when the check fails.
     *
     * @throws ConflictException if a version is not the next one, or an id appears twice in the batch
     */
    public void accept(StoreBatch batch) {
        check(batch);
        for (LeaseRecord lease : batch.leases()) {
            leaseVersions.put(lease.id(), lease.version());
        }
        for (ResourceRecord resource : batch.resources()) {
            resourceVersions.put(resource.id(), resource.version());
        }
        // A purged lease is forgotten: writing that id again starts over at version 1.
        for (String leaseId : batch.purgedLeaseIds()) {
            leaseVersions.remove(leaseId);
        }
    }

    private void check(StoreBatch batch) {
        Set<String> seen = batch.leases().size() > 1 ? new HashSet<>() : null;
        for (LeaseRecord lease : batch.leases()) {
            requireNext("lease", lease.id(), lease.version(), leaseVersions.get(lease.id()));
            // One record per id per batch keeps batches expressible as a single conditional transaction
            // (e.g. DynamoDB cannot touch one item twice in a transaction).
            if (seen != null && !seen.add(lease.id())) {
                throw new ConflictException("version_conflict", "lease " + lease.id() + " appears twice in one batch");
            }
        }
        seen = batch.resources().size() > 1 ? new HashSet<>() : null;
        for (ResourceRecord resource : batch.resources()) {
            requireNext("resource", resource.id(), resource.version(), resourceVersions.get(resource.id()));
            if (seen != null && !seen.add(resource.id())) {
                throw new ConflictException(
                        "version_conflict", "resource " + resource.id() + " appears twice in one batch");
            }
        }
    }

    private static void requireNext(String kind, String id, long version, Long stored) {
        long expected = stored == null ? 1 : stored + 1;
        if (version != expected) {
            String held = stored == null ? "nothing" : "version " + stored;
            throw new ConflictException("version_conflict",
                    kind + " " + id + ": write of version " + version + " but the store holds " + held
                            + " (expected version " + expected + ")");
        }
    }
}
