package io.runway.core.deploy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The provider side that starts and stops versions of a service. Implementations record what they start
 * before they start it (intent before side effect) and tag it with its owner, so a janitor can remove what
 * a crashed or finished owner left behind.
 */
public interface Deployer {

    /**
     * Starts one version and completes once it answers its readiness probe and that is durable. Fails with
     * {@link DeploymentFailedException} when it does not become ready in time or exits early; then nothing
     * of it is left running or recorded.
     */
    CompletableFuture<Deployment> deploy(DeploymentRequest request);

    /** Stops the deployment's whole process tree and forgets it; fails with NotFoundException if unknown. */
    CompletableFuture<Void> undeploy(String deploymentId);

    /**
     * Whether the deployment's process is still running; false when it exited or the id is unknown. A
     * rollout asks this every tick to notice a version that crashed under traffic.
     */
    boolean isRunning(String deploymentId);

    /** What this deployer knows is running or starting, as an immutable snapshot. */
    List<Deployment> deployments();

    /** Janitor: undeploys every recorded deployment whose owner (e.g. a rollout id) is not live. */
    CompletableFuture<SweepReport> sweep(Predicate<String> ownerIsLive);
}
