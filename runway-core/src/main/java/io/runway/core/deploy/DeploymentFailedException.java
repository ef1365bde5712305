package io.runway.core.deploy;

import io.runway.core.error.RunwayException;

/** A version did not become ready (timeout or early exit); it was stopped and its record removed. */
public class DeploymentFailedException extends RunwayException {
    public DeploymentFailedException(String message) {
        super("deploy_failed", null, message, true, null);
    }
}
