package io.runway.core.rollout.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * How the gates judge the new version against the baseline, all through the rollout (a failing verdict
 * rolls back at any step) and in analysis steps (which wait for a passing one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisSpec(
        @JsonPropertyDescription("Time between measurements. Default 5s.")
        Duration interval,
        @JsonPropertyDescription("sequential (default: canary vs baseline with a bounded false-rollback rate) or threshold.")
        String judge,
        @JsonPropertyDescription("sequential: chance of rolling back a healthy version, percent. Default 1.")
        BigDecimal falseRollbackRate,
        @JsonPropertyDescription("sequential: the new version's error rate may be this many times the baseline's. Default 1.25.")
        BigDecimal allowedIncrease,
        @JsonPropertyDescription("threshold: most errors allowed, percent of requests. Default 1.")
        BigDecimal maxErrorRate,
        @JsonPropertyDescription("threshold: most p99 latency allowed, e.g. 500ms; absent means not checked.")
        Duration maxLatencyP99,
        @JsonPropertyDescription("Requests the new version must serve before it can be promoted (sequential: a clear regression rolls back sooner; threshold: per check). Default 50.")
        Integer minimumRequests,
        @JsonPropertyDescription("How long the gates may see too little data before the result is INCONCLUSIVE. Default 5m.")
        Duration noDataTimeout,
        @JsonPropertyDescription("Canary only: percent of the baseline's GET, HEAD and OPTIONS requests (without a body) also sent to the new version while it is judged; clients get the baseline's answer, the gates judge both. 0 to 100, default 0 (off).")
        BigDecimal mirror) {

    public static final AnalysisSpec DEFAULT = new AnalysisSpec(null, null, null, null, null, null, null, null, null);

    public AnalysisSpec {
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        judge = judge == null ? "sequential" : judge;
        falseRollbackRate = falseRollbackRate == null ? BigDecimal.ONE : falseRollbackRate;
        allowedIncrease = allowedIncrease == null ? new BigDecimal("1.25") : allowedIncrease;
        maxErrorRate = maxErrorRate == null ? BigDecimal.ONE : maxErrorRate;
        minimumRequests = minimumRequests == null ? 50 : minimumRequests;
        noDataTimeout = noDataTimeout == null ? Duration.ofMinutes(5) : noDataTimeout;
        mirror = mirror == null ? BigDecimal.ZERO : mirror;
    }

    /** Whether the gates ask for mirrored copies of the baseline's requests. */
    public boolean mirrors() {
        return mirror.signum() > 0;
    }
}
