package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Blue-green: green runs beside blue on a preview route, is judged, then takes all traffic at once. */
public record BlueGreenSpec(
        @JsonPropertyDescription("Judge green on the preview route this long before switching. Default 30s.")
        Duration previewAnalysis,
        @JsonPropertyDescription("Switch without waiting for a manual promote once green is healthy. Default true.")
        Boolean autoPromote) {

    public BlueGreenSpec {
        previewAnalysis = previewAnalysis == null ? java.time.Duration.ofSeconds(30) : previewAnalysis;
        autoPromote = autoPromote == null ? Boolean.TRUE : autoPromote;
    }
}
