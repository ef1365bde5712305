package io.runway.core.rollout;

import java.net.URI;

/** A running version the rollout started: its deployment id and where it answers. */
public record DeploymentRef(String version, String deploymentId, URI endpoint) {}
