package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Exactly one of canary and blueGreen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategySpec(
        @JsonPropertyDescription("Shift traffic in steps: setWeight, pause, analysis.")
        CanarySpec canary,
        @JsonPropertyDescription("Start the new version beside the old, check it on a preview route, then switch all traffic.")
        BlueGreenSpec blueGreen) {}
