package io.runway.core.store;

import java.util.Map;

/** Everything a store holds, as read at start-up (keyed by id). */
public record StoredState(Map<String, LeaseRecord> leases, Map<String, ResourceRecord> resources, long fencingHighWater) {
    public StoredState {
        leases = Map.copyOf(leases);
        resources = Map.copyOf(resources);
    }

    public static StoredState empty() {
        return new StoredState(Map.of(), Map.of(), 0);
    }
}
