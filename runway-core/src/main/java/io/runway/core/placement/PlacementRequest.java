package io.runway.core.placement;

import io.runway.core.error.InvalidInputException;
import io.runway.core.label.LabelExpression;
import io.runway.core.lease.LeaseRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a task needs to run: {@code count} resources from {@code pool} (or any pool when null) whose labels
 * match {@code capability} and whose attributes satisfy every constraint, held for {@code ttl}.
 *
 * @param priority higher is served first (-1000..1000); equal priorities first come, first served
 * @param estimatedDuration how long the task expects to run; with {@code deadline}, decides whether
 *     provisioning new capacity can still help (null: 0)
 * @param deadline when the task must be done by, or null; a pool whose {@code provisioningTime} plus the
 *     estimated duration ends after it is not scaled for this task
 * @param costLimitPerHour the most all {@code count} resources together may cost per hour (sum of their
 *     {@code costPerHour} attributes), or null for no limit; resources and pool templates over it are
 *     infeasible
 * @param scoring how feasible resources are ranked (null: {@link Scoring#BIN_PACK})
 */
public record PlacementRequest(
        String owner,
        String pool,
        LabelExpression capability,
        List<AttributeConstraint> constraints,
        int count,
        int priority,
        Duration estimatedDuration,
        Instant deadline,
        Double costLimitPerHour,
        Duration ttl,
        Scoring scoring) {

    public PlacementRequest {
        capability = capability == null ? LabelExpression.any() : capability;
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        estimatedDuration = estimatedDuration == null ? Duration.ZERO : estimatedDuration;
        scoring = scoring == null ? Scoring.BIN_PACK : scoring;
        Objects.requireNonNull(ttl, "ttl");
        if (estimatedDuration.isNegative()) {
            throw new InvalidInputException("estimatedDuration", "estimatedDuration must not be negative, was " + estimatedDuration);
        }
        if (costLimitPerHour != null && (costLimitPerHour.isNaN() || costLimitPerHour < 0 || costLimitPerHour.isInfinite())) {
            throw new InvalidInputException("costLimitPerHour", "costLimitPerHour must be a finite number of at least 0, was "
                    + costLimitPerHour);
        }
    }

    /** One resource matching {@code capability} and {@code constraints} (texts parsed here) for {@code ttl}. */
    public static PlacementRequest of(String owner, String capability, List<String> constraints, Duration ttl) {
        LabelExpression expression = capability == null ? null : LabelExpression.parse(capability, "capability");
        List<AttributeConstraint> parsed = new java.util.ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            parsed.add(AttributeConstraint.parse(constraints.get(i), "constraints[" + i + "]"));
        }
        return new PlacementRequest(owner, null, expression, parsed, 1, 0, null, null, null, ttl, null);
    }

    public PlacementRequest withPool(String newPool) {
        return new PlacementRequest(owner, newPool, capability, constraints, count, priority, estimatedDuration, deadline,
                costLimitPerHour, ttl, scoring);
    }

    public PlacementRequest withCount(int newCount) {
        return new PlacementRequest(owner, pool, capability, constraints, newCount, priority, estimatedDuration, deadline,
                costLimitPerHour, ttl, scoring);
    }

    public PlacementRequest withPriority(int newPriority) {
        return new PlacementRequest(owner, pool, capability, constraints, count, newPriority, estimatedDuration, deadline,
                costLimitPerHour, ttl, scoring);
    }

    public PlacementRequest withDeadline(Instant newDeadline, Duration newEstimate) {
        return new PlacementRequest(owner, pool, capability, constraints, count, priority, newEstimate, newDeadline,
                costLimitPerHour, ttl, scoring);
    }

    public PlacementRequest withCostLimit(Double newLimit) {
        return new PlacementRequest(owner, pool, capability, constraints, count, priority, estimatedDuration, deadline,
                newLimit, ttl, scoring);
    }

    public PlacementRequest withScoring(Scoring newScoring) {
        return new PlacementRequest(owner, pool, capability, constraints, count, priority, estimatedDuration, deadline,
                costLimitPerHour, ttl, newScoring);
    }

    /** The most one resource may cost per hour under the cost limit, or null for no limit. */
    public Double costLimitPerResource() {
        return costLimitPerHour == null ? null : costLimitPerHour / count;
    }

    /** The lease this placement asks the engine for, waiting at most {@code waitFor}. */
    public LeaseRequest toLeaseRequest(Duration waitFor) {
        return new LeaseRequest(owner, pool, capability, count, ttl, waitFor, priority);
    }

    /** Constraints as text, as written in blocked reasons and docs. */
    public String constraintsText() {
        return String.join(", ", constraints.stream().map(AttributeConstraint::toString).toList());
    }
}
