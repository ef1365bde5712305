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
 * @param documents documents to put or delete; each must be the next version of what the store holds, and
 *     a batch holds at most one write per document key
 */
public record StoreBatch(
        List<LeaseRecord> leases,
        List<ResourceRecord> resources,
        List<AuditEvent> events,
        List<String> purgedLeaseIds,
        long fencingHighWater,
        List<DocumentRecord> documents) {

    public StoreBatch {
        leases = List.copyOf(leases);
        resources = List.copyOf(resources);
        events = List.copyOf(events);
        purgedLeaseIds = List.copyOf(purgedLeaseIds);
        documents = List.copyOf(documents);
    }

    /** A batch of lease and resource writes only. */
    public StoreBatch(List<LeaseRecord> leases, List<ResourceRecord> resources, List<AuditEvent> events,
                      List<String> purgedLeaseIds, long fencingHighWater) {
        this(leases, resources, events, purgedLeaseIds, fencingHighWater, List.of());
    }

    /** A batch of document writes only. */
    public static StoreBatch ofDocuments(List<DocumentRecord> documents) {
        return new StoreBatch(List.of(), List.of(), List.of(), List.of(), 0, documents);
    }

    public boolean isEmpty() {
        return leases.isEmpty() && resources.isEmpty() && events.isEmpty() && purgedLeaseIds.isEmpty()
                && documents.isEmpty();
    }
}
