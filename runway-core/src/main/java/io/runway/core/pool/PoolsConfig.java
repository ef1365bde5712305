package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The pools configuration file of {@code runway serve --config}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PoolsConfig(
        @JsonProperty(required = true)
        @JsonPropertyDescription("The pools of leasable resources.")
        List<PoolSpec> pools,
        @JsonPropertyDescription("Bounds on lease requests (maximum ttl and wait, retention of ended leases).")
        LeaseLimits limits,
        @JsonPropertyDescription("Caps over all pools together (most resources in all).")
        CapacitySpec capacity) {

    public PoolsConfig {
        pools = pools == null ? List.of() : List.copyOf(pools);
        limits = limits == null ? LeaseLimits.DEFAULT : limits;
    }

    public PoolsConfig(List<PoolSpec> pools, LeaseLimits limits) {
        this(pools, limits, null);
    }

    /** {@link #capacity}, or no overall cap. */
    public CapacitySpec capacityOrNone() {
        return capacity == null ? CapacitySpec.none() : capacity;
    }
}
