package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pool's provisioned resources look like: the labels and typed attributes each new resource gets.
 * By convention a numeric {@code costPerHour} attribute is what one resource costs per hour, read by
 * cost limits and by {@code cheapest} scoring.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceTemplate(
        @JsonPropertyDescription("Labels of every provisioned resource, e.g. [linux, x86].")
        List<String> labels,
        @JsonPropertyDescription("Typed attributes of every provisioned resource, e.g. {cpu: 4, costPerHour: 0.2}.")
        Map<String, Object> attributes) {

    public ResourceTemplate {
        labels = labels == null ? List.of() : List.copyOf(labels);
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
