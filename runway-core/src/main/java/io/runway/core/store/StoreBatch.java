package io.runway.core.store;

import java.util.List;

/**
 * Writes that become durable together, all or nothing. A batch holds at most one record per lease id and
 * per resource id (so it maps onto one conditional transaction); a store refuses a batch that repeats an
 * id with {@code ConflictException}. Within a batch, records are put first, then events appended, then
 * purges applied.
 *
 * @param leases lease records to put; each must be the next version of what the store holds
 * @param resources resource records to put; each must be the next version of what the store holds
 * @param events audit events to append
 * @param purgedLeaseIds ended leases to forget, with their audit events (retention)
 * @param fencingHighWater the highest fencing token handed out so far; a store keeps the maximum it saw
 */
public record StoreBatch(
        List<LeaseRecord> leases,
        List<ResourceRecord> resources,
        List<AuditEvent> events,
        List<String> purgedLeaseIds,
        long fencingHighWater) {

    public StoreBatch {
        leases = List.copyOf(leases);
        resources = List.copyOf(resources);
        events = List.copyOf(events);
        purgedLeaseIds = List.copyOf(purgedLeaseIds);
    }

    public boolean isEmpty() {
        return leases.isEmpty() && resources.isEmpty() && events.isEmpty() && purgedLeaseIds.isEmpty();
    }
}
