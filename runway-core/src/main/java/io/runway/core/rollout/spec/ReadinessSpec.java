package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** An HTTP GET that must answer 2xx before a version gets traffic. */
public record ReadinessSpec(
        @JsonPropertyDescription("Path to probe. Default /health.")
        String path,
        @JsonPropertyDescription("How long a version may take to become ready. Default 60s.")
        Duration timeout,
        @JsonPropertyDescription("Time between probes. Default 250ms.")
        Duration interval) {

    public static final ReadinessSpec DEFAULT = new ReadinessSpec(null, null, null);

    public ReadinessSpec {
        path = path == null ? "/health" : path;
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        interval = interval == null ? Duration.ofMillis(250) : interval;
    }
}
