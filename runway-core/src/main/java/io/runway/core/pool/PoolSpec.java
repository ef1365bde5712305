package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;
import java.util.List;

/** A pool: resources from one provider, with its cooldown and quotas. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Pool name: [a-z0-9-]{1,63}.")
        String name,
        @JsonPropertyDescription("Provider that owns the resources: static (default) or local.")
        String provider,
        @JsonPropertyDescription("Resources of a static pool.")
        List<ResourceSpec> resources,
        @JsonPropertyDescription("Time a released resource spends in DIRTY/CLEANING before it is FREE again, e.g. 30s.")
        Duration cooldown,
        @JsonPropertyDescription("Per-owner limits in this pool.")
        QuotaSpec quota) {

    public PoolSpec {
        provider = provider == null ? "static" : provider;
        resources = resources == null ? List.of() : List.copyOf(resources);
        cooldown = cooldown == null ? Duration.ZERO : cooldown;
        quota = quota == null ? QuotaSpec.none() : quota;
    }
}
