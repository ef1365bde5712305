package io.runway.cli.rollout;

import io.runway.core.deploy.local.LocalDeployer;
import io.runway.core.deploy.local.LocalDeployerOptions;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutService;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.embedded.EmbeddedTrafficRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

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
    private final StateStore store;
    private final boolean ownsStore;
    private final boolean stopVersionsOnClose;
    private final LocalDeployer deployer;
    private final EmbeddedTrafficRouter router;
    private final RolloutService rollouts;

    /** A host with its own store in {@code stateDir/store}; closing it stops every version it started. */
    public LocalRolloutHost(Path stateDir, RolloutController.Listener listener, Duration tick) {
        this(stateDir, listener, tick, UnaryOperator.identity());
    }

    /**
     * As above, with the rollouts talking to the router through {@code routerView} (a decorator of the
     * embedded router): how the demo sees the moment a route changes.
     */
    public LocalRolloutHost(Path stateDir, RolloutController.Listener listener, Duration tick,
                            UnaryOperator<TrafficRouter> routerView) {
        this(EmbeddedStateStore.open(stateDir.resolve("store")), true, true, stateDir, listener, tick, routerView);
    }

    /**
     * A host on a store someone else owns (runway serve). Closing it leaves versions running, so the next
     * start adopts them and resumes its rollouts, as after a crash.
     */
    public static LocalRolloutHost onStore(StateStore store, Path stateDir, RolloutController.Listener listener,
                                           Duration tick) {
        return new LocalRolloutHost(store, false, false, stateDir, listener, tick, UnaryOperator.identity());
    }

    private LocalRolloutHost(StateStore store, boolean ownsStore, boolean stopVersionsOnClose, Path stateDir,
                             RolloutController.Listener listener, Duration tick, UnaryOperator<TrafficRouter> routerView) {
        Clock clock = Clock.systemUTC();
        this.store = store;
        this.ownsStore = ownsStore;
        this.stopVersionsOnClose = stopVersionsOnClose;
        this.deployer = new LocalDeployer(store, executor, clock, LocalDeployerOptions.defaults(stateDir.resolve("logs")));
        this.router = new EmbeddedTrafficRouter(clock);
        router.start();
        deployer.recover().join();
        this.rollouts = new RolloutService(store, "local", deployer, routerView.apply(router), clock, executor, listener, tick);
    }

    /** Resumes the rollouts the store holds, each with a router listener for its service (any free port). */
    public java.util.List<RolloutController> recover() {
        java.util.List<RolloutController> resumed = rollouts.recover();
        for (RolloutController c : resumed) {
            listen(c.state().spec().service(), 0);
            if (c.state().spec().strategy().blueGreen() != null) {
                listen(c.state().spec().service() + "-preview", 0);
            }
        }
        return resumed;
    }

    /** The router address of {@code service}, opening a listener on {@code port} if it has none yet. */
    public synchronized java.net.URI listen(String service, int port) {
        try {
            return router.address(service);
        } catch (io.runway.core.error.NotFoundException e) {
            router.listen(service, port);
            return router.address(service);
        }
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
        if (stopVersionsOnClose) {
            deployer.sweep(owner -> false).orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        router.close();
        executor.shutdownNow();
        if (ownsStore) {
            store.close();
        }
    }
}
