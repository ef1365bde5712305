package io.runway.core.rollout.control;

import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.traffic.TrafficRouter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Where a {@link RolloutService} finds the deployer and router of each rollout: one pair for every spec (the
 * CLI's hosts), or one per spec's {@code provider} (a Jenkins controller running local and aws-ec2 rollouts on
 * one store and one service, so promote, abort and the list know them all).
 */
public interface RolloutBackends {
    /** The deployer and router one rollout runs on. */
    record Backend(Deployer deployer, TrafficRouter router) {
    }

    /**
     * The back-end for {@code spec}; asked before anything of the rollout is recorded. A spec no back-end
     * serves is refused with a {@code RunwayException} naming the field ({@code provider}).
     */
    Backend backend(RolloutSpec spec);

    /** The deployers opened so far, swept by {@link RolloutService#recover} after the stored rollouts resumed. */
    List<Deployer> deployers();

    /** Sweeps every opened deployer: undeploys what no live owner holds. */
    default CompletableFuture<Void> sweep(Predicate<String> ownerIsLive) {
        List<CompletableFuture<SweepReport>> all = deployers().stream().map(d -> d.sweep(ownerIsLive)).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** One deployer and router for the specs of one provider; a spec of another provider is refused. */
    static RolloutBackends single(String provider, Deployer deployer, TrafficRouter router) {
        Backend only = new Backend(deployer, router);
        return new RolloutBackends() {
            @Override
            public Backend backend(RolloutSpec spec) {
                if (!provider.equals(spec.provider())) {
                    throw new InvalidInputException("provider", "this host runs provider " + provider
                            + " rollouts only, not " + spec.provider());
                }
                return only;
            }

            @Override
            public List<Deployer> deployers() {
                return List.of(deployer);
            }
        };
    }
}
