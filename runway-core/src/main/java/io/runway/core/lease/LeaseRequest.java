package io.runway.core.lease;

import io.runway.core.label.LabelExpression;
import java.time.Duration;
import java.util.Objects;

/**
 * What an owner asks for: {@code count} resources from {@code pool} (or from every pool, when null) whose
 * labels match {@code capability}, held for {@code ttl}, waiting at most {@code waitFor} for them.
 * Values are checked against the server's limits by the engine, which names the offending field.
 */
public record LeaseRequest(
        String owner, String pool, LabelExpression capability, int count, Duration ttl, Duration waitFor, int priority) {

    public LeaseRequest {
        capability = capability == null ? LabelExpression.any() : capability;
        waitFor = waitFor == null ? Duration.ZERO : waitFor;
        Objects.requireNonNull(ttl, "ttl");
    }

    /** A request for one resource of a pool that does not wait. */
    public static LeaseRequest of(String owner, String pool, Duration ttl) {
        return new LeaseRequest(owner, pool, null, 1, ttl, Duration.ZERO, 0);
    }

    public LeaseRequest withWait(Duration newWait) {
        return new LeaseRequest(owner, pool, capability, count, ttl, newWait, priority);
    }

    public LeaseRequest withCount(int newCount) {
        return new LeaseRequest(owner, pool, capability, newCount, ttl, waitFor, priority);
    }

    public LeaseRequest withPriority(int newPriority) {
        return new LeaseRequest(owner, pool, capability, count, ttl, waitFor, newPriority);
    }

    public LeaseRequest withCapability(LabelExpression newCapability) {
        return new LeaseRequest(owner, pool, newCapability, count, ttl, waitFor, priority);
    }
}
