package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One statically declared resource of a pool. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Unique name across all pools: [a-z0-9][a-z0-9._-]{0,62}. It is also the resource id.")
        String name,
        @JsonPropertyDescription("Labels that capability expressions match, e.g. [linux, x86].")
        List<String> labels,
        @JsonPropertyDescription("Typed attributes (strings, numbers, booleans), e.g. {cpu: 4, region: eu-west-1}.")
        Map<String, Object> attributes) {

    public ResourceSpec {
        labels = labels == null ? List.of() : List.copyOf(labels);
        // LinkedHashMap keeps the user's order for lossless round trips; Map.copyOf would not.
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
