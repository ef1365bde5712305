package io.runway.core.store.state;

import io.runway.core.store.AuditEvent;
import io.runway.core.store.DocumentRecord;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import java.util.List;

/**
 * What a {@link StateTable} held at one instant, as fixed lists of its immutable records; taken by
 * {@link StateTable#image()} to be written out as a snapshot while the table moves on.
 *
 * @param eventLeaseIds the lease of each entry of {@code events}, index by index
 */
public record StateImage(long fencingHighWater, List<LeaseRecord> leases, List<ResourceRecord> resources,
        List<String> eventLeaseIds, List<List<AuditEvent>> events, List<DocumentRecord> documents) {
}
