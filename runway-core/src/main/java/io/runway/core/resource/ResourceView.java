package io.runway.core.resource;

import java.util.List;
import java.util.Map;

/** An immutable snapshot of one resource, as readers and the REST API see it. */
public record ResourceView(
        String id, String pool, ResourceState state, List<String> labels, Map<String, Object> attributes, String leaseId) {
    public ResourceView {
        labels = List.copyOf(labels);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }
}
