package io.runway.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail: who did what to which lease or resource, when, and why. Never carries a
 * lease token.
 *
 * @param leaseId the lease concerned, or null for a resource-only event
 * @param resourceId the resource concerned, or null for a lease-level event
 * @param type e.g. {@code lease.granted}, {@code lease.released}, {@code resource.state}
 * @param actor who caused it: the owner, {@code admin}, or {@code engine}
 * @param from previous state, or null
 * @param to new state, or null
 */
public record AuditEvent(
        Instant at, String leaseId, String resourceId, String type, String actor, String from, String to, String reason) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
    }
}
