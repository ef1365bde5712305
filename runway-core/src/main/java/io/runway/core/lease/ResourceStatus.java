package io.runway.core.lease;

import io.runway.core.resource.ResourceView;
import java.time.Instant;

/**
 * One resource as capacity decisions see it.
 *
 * @param stateSince when it entered its current state (for a FREE resource: since when it is idle)
 * @param provisioned whether a provider provisioned it at run time (only those are ever scaled down)
 */
public record ResourceStatus(ResourceView view, Instant stateSince, boolean provisioned) {}
