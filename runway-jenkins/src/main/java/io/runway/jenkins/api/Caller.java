package io.runway.jenkins.api;

/**
 * Who calls the REST API and what Runway permissions they hold (looked up by the Jenkins glue; plain
 * values here so the API is tested without Jenkins).
 *
 * @param userId the Jenkins user id, owner of leases taken through the API as {@code user:<id>}
 */
public record Caller(String userId, boolean canRead, boolean canLease, boolean canRollout, boolean canAdminister) {}
