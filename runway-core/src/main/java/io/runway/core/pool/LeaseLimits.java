package io.runway.core.pool;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Server-wide bounds on lease requests. */
public record LeaseLimits(
        @JsonPropertyDescription("Longest ttl a lease may ask for or renew to. Default 24h.")
        Duration maxTtl,
        @JsonPropertyDescription("Longest wait a request may ask for. Default 1h.")
        Duration maxWait,
        @JsonPropertyDescription("Most resources one lease may hold. Default 1000.")
        Integer maxCount,
        @JsonPropertyDescription("How long ended leases and their audit trail are kept. Default 7d.")
        Duration retention) {

    public static final LeaseLimits DEFAULT = new LeaseLimits(null, null, null, null);

    public LeaseLimits {
        maxTtl = maxTtl == null ? Duration.ofHours(24) : maxTtl;
        maxWait = maxWait == null ? Duration.ofHours(1) : maxWait;
        maxCount = maxCount == null ? 1000 : maxCount;
        retention = retention == null ? Duration.ofDays(7) : retention;
    }
}
