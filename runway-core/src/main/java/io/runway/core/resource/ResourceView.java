package io.runway.core.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable snapshot of one resource, as readers and the REST API see it. */
public record ResourceView(
        String id, String pool, ResourceState state, List<String> labels, Map<String, Object> attributes, String leaseId) {
    private static final Class<?> FROZEN = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    public ResourceView {
        labels = List.copyOf(labels); // returns the same list when it is already immutable
        attributes = frozen(attributes);
    }

    /**
     * An unmodifiable, order-keeping copy of {@code attributes}; an already frozen map is shared, because
     * views are made on every state change and copying the same attributes each time is wasted work.
     */
    public static Map<String, Object> frozen(Map<String, Object> attributes) {
        return FROZEN.isInstance(attributes) ? attributes : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
