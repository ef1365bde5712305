package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/** One canary step; exactly one field is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSpec(
        @JsonPropertyDescription("Percent of traffic for the new version, 0 to 100, at most two decimals (0.5 = half a percent).")
        BigDecimal setWeight,
        @JsonPropertyDescription("Wait: {duration: 30s}, or {} to wait until promoted.")
        PauseSpec pause,
        @JsonPropertyDescription("Hold the weight while the gates judge: {duration: 2m}.")
        AnalysisStepSpec analysis) {}
