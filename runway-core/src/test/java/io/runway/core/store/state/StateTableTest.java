package io.runway.core.store.state;

import static io.runway.core.store.StoreFixtures.event;
import static io.runway.core.store.StoreFixtures.events;
import static io.runway.core.store.StoreFixtures.grant;
import static io.runway.core.store.StoreFixtures.lease;
import static io.runway.core.store.StoreFixtures.leases;
import static io.runway.core.store.StoreFixtures.purge;
import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.store.AuditEvent;
import io.runway.core.store.LeaseRecord;
import io.runway.core.store.ResourceRecord;
import org.junit.jupiter.api.Test;

class StateTableTest {
    @Test
    void anImageIsNotChangedByLaterApplies() {
        StateTable table = new StateTable();
        table.apply(grant("L1", 1));
        table.apply(grant("L2", 1));

        StateImage image = table.image();
        table.apply(leases(lease("L1", 2)));
        table.apply(events(event("L2", "lease.released")));
        table.apply(purge("L1"));
        table.apply(grant("L3", 1));

        assertThat(image.leases()).extracting(LeaseRecord::id).containsExactlyInAnyOrder("L1", "L2");
        assertThat(image.leases()).extracting(LeaseRecord::version).containsOnly(1L);
        assertThat(image.resources()).extracting(ResourceRecord::id).containsExactlyInAnyOrder("r-L1", "r-L2");
        assertThat(image.eventLeaseIds()).containsExactlyInAnyOrder("L1", "L2");
        int l2 = image.eventLeaseIds().indexOf("L2");
        assertThat(image.events().get(l2)).extracting(AuditEvent::type).containsExactly("lease.v1", "resource.v1");
        assertThat(image.fencingHighWater()).isEqualTo(1);
        assertThat(table.events("L2")).hasSize(3);
    }
}
