package io.runway.core.lease;

import io.runway.core.store.LeaseRecord;
import java.util.Comparator;
import java.util.List;

/** A granted, still active lease: its durable record and the resources it holds. Writer-owned. */
final class HeldLease {
    static final Comparator<HeldLease> BY_EXPIRY =
            Comparator.comparing((HeldLease l) -> l.record.expiresAt()).thenComparing(l -> l.record.id());

    LeaseRecord record;
    final List<ResourceSlot> slots;
    final String capability;

    HeldLease(LeaseRecord record, List<ResourceSlot> slots, String capability) {
        this.record = record;
        this.slots = List.copyOf(slots);
        this.capability = capability;
    }

    String id() {
        return record.id();
    }

    Lease view() {
        return LeaseViews.of(record, slots.stream().map(ResourceSlot::view).toList(), capability);
    }
}
