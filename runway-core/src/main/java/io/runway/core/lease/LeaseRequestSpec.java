package io.runway.core.lease;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.runway.core.label.LabelExpression;
import java.time.Duration;

/**
 * The body of {@code POST /api/v1/leases}, as users write it: the typed, schema'd form of a
 * {@link LeaseRequest}. Server limits (maximum ttl and wait) are checked by the engine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeaseRequestSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Who holds the lease: a build, a user, a pipeline. At most 200 characters.")
        String owner,
        @JsonPropertyDescription("Pool to take resources from; absent means any pool whose resources match.")
        String pool,
        @JsonPropertyDescription("Label expression the resources must match, e.g. linux && (gpu || fpga) && !arm.")
        String capability,
        @JsonPropertyDescription("How many resources, granted all or nothing. Default 1.")
        Integer count,
        @JsonProperty(required = true)
        @JsonPropertyDescription("How long the lease lasts unless renewed, e.g. 15m.")
        Duration ttl,
        @JsonProperty("wait")
        @JsonPropertyDescription("How long to wait for resources; 0s (default) means now or never.")
        Duration waitFor,
        @JsonPropertyDescription("Higher is served first; equal priorities are first come, first served. Default 0.")
        Integer priority) {

    /** The engine request; call only on a spec that passed {@link LeaseRequestSpecValidator}. */
    public LeaseRequest toRequest() {
        LabelExpression expression = capability == null || capability.isBlank()
                ? LabelExpression.any() : LabelExpression.parse(capability, "capability");
        return new LeaseRequest(owner, pool, expression, count == null ? 1 : count, ttl,
                waitFor == null ? Duration.ZERO : waitFor, priority == null ? 0 : priority);
    }
}
