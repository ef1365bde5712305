package io.runway.core.rollout.control;

import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.SweepReport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** A deployer that fails the test if anything is deployed or undeployed. */
final class NoDeployer implements Deployer {
    @Override
    public CompletableFuture<Deployment> deploy(DeploymentRequest request) {
        throw new AssertionError("nothing may be deployed");
    }

    @Override
    public CompletableFuture<Void> undeploy(String deploymentId) {
        throw new AssertionError("nothing may be undeployed");
    }

    @Override
    public boolean isRunning(String deploymentId) {
        return false;
    }

    @Override
    public List<Deployment> deployments() {
        return List.of();
    }

    @Override
    public CompletableFuture<SweepReport> sweep(Predicate<String> ownerIsLive) {
        return CompletableFuture.completedFuture(null);
    }
}
