package io.runway.core.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a store holds, as read at start-up (keyed by id; documents by {@link DocumentRecord#key()}).
 */
public record StoredState(Map<String, LeaseRecord> leases, Map<String, ResourceRecord> resources, long fencingHighWater,
                          Map<String, DocumentRecord> documents) {
    public StoredState {
        leases = Map.copyOf(leases);
        resources = Map.copyOf(resources);
        documents = Map.copyOf(documents);
    }

    public StoredState(Map<String, LeaseRecord> leases, Map<String, ResourceRecord> resources, long fencingHighWater) {
        this(leases, resources, fencingHighWater, Map.of());
    }

    public static StoredState empty() {
        return new StoredState(Map.of(), Map.of(), 0, Map.of());
    }

    /** The documents of one kind, keyed by id. */
    public Map<String, DocumentRecord> documents(String kind) {
        Map<String, DocumentRecord> out = new LinkedHashMap<>();
        documents.values().stream().filter(d -> d.kind().equals(kind)).forEach(d -> out.put(d.id(), d));
        return out;
    }
}
