package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Canary steps, run in order; the rollout is promoted after the last one (weight 100%). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CanarySpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Steps: {setWeight: 5}, {pause: {duration: 30s}}, {pause: {}} (until promoted), {analysis: {duration: 1m}}.")
        List<StepSpec> steps,
        @JsonPropertyDescription("Requests matching a cohort see the new version whatever its weight (experiments).")
        List<CohortSpec> cohorts) {

    public CanarySpec {
        steps = steps == null ? List.of() : List.copyOf(steps);
        cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
    }
}
