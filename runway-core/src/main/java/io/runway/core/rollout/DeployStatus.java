package io.runway.core.rollout;

import java.net.URI;

/** What the rollout's controller sees of one role's deployment when it decides. */
public record DeployStatus(State state, String deploymentId, URI endpoint, String reason) {
    public enum State {
        /** Nothing deployed for this role. */
        ABSENT,
        /** Started, not ready yet. */
        STARTING,
        READY,
        /** Never became ready (or could not start). */
        FAILED,
        /** Was ready, then its process went away. */
        EXITED
    }

    public static final DeployStatus ABSENT = new DeployStatus(State.ABSENT, null, null, null);

    public static DeployStatus starting() {
        return new DeployStatus(State.STARTING, null, null, null);
    }

    public static DeployStatus ready(String deploymentId, URI endpoint) {
        return new DeployStatus(State.READY, deploymentId, endpoint, null);
    }

    public static DeployStatus failed(String reason) {
        return new DeployStatus(State.FAILED, null, null, reason);
    }

    public static DeployStatus exited(String deploymentId, String reason) {
        return new DeployStatus(State.EXITED, deploymentId, null, reason);
    }
}
