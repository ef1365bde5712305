package io.runway.core.deploy;

/** Where a deployment is in its life. A deployment that is gone has no state: its record is deleted. */
public enum DeploymentState {
    /** Recorded; the process may or may not have been started yet; not yet answering its probe. */
    STARTING,
    /** Answered its readiness probe. */
    READY,
    /** Teardown has begun. */
    STOPPING
}
