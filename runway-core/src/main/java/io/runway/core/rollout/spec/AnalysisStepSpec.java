package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/**
 * Hold the current weight until the judge promotes, at most {@code duration}; if it ends with the judge
 * still seeing no harm (CONTINUE) the step passes, with too little data (WAIT) it is INCONCLUSIVE.
 */
public record AnalysisStepSpec(
        @JsonProperty(required = true)
        @JsonPropertyDescription("Longest the step holds, e.g. 2m.")
        Duration duration) {}
