package io.runway.cli.rollout;

import io.runway.core.deploy.local.LocalDeployer;
import io.runway.core.deploy.local.LocalDeployerOptions;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutService;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.traffic.embedded.EmbeddedTrafficRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The embedded default in one place: a state directory (embedded store, deployment logs), local
 * processes for versions, the in-process router, and the rollout service on top. Closing it stops every
 * version it started: local versions live as long as the runway process that runs them.
 */
public final class LocalRolloutHost implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(3, r -> {
        Thread t = new Thread(r, "runway-rollout");
        t.setDaemon(true);
        return t;
    });
    private final EmbeddedStateStore store;
    private final LocalDeployer deployer;
    private final EmbeddedTrafficRouter router;
    private final RolloutService rollouts;

    public LocalRolloutHost(Path stateDir, RolloutController.Listener listener, Duration tick) {
        Clock clock = Clock.systemUTC();
        this.store = EmbeddedStateStore.open(stateDir.resolve("store"));
        this.deployer = new LocalDeployer(store, executor, clock, LocalDeployerOptions.defaults(stateDir.resolve("logs")));
        this.router = new EmbeddedTrafficRouter(clock);
        router.start();
        deployer.recover().join();
        this.rollouts = new RolloutService(store, deployer, router, clock, executor, listener, tick);
    }

    public RolloutService rollouts() {
        return rollouts;
    }

    public EmbeddedTrafficRouter router() {
        return router;
    }

    public LocalDeployer deployer() {
        return deployer;
    }

    @Override
    public void close() {
        deployer.sweep(owner -> false).orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        router.close();
        executor.shutdownNow();
        store.close();
    }
}
