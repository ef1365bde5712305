package io.runway.jenkins.host;

import io.runway.core.deploy.local.LocalDeployer;
import io.runway.core.deploy.local.LocalDeployerOptions;
import io.runway.core.error.NotFoundException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.placement.PlacementService;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.task.TaskGraphSpec;
import io.runway.core.task.TaskLauncher;
import io.runway.core.task.run.TaskScheduler;
import io.runway.core.task.run.TaskSchedulerOptions;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutService;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.traffic.embedded.EmbeddedTrafficRouter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One controller's Runway: the embedded store under a state directory, the lease engine, local versions,
 * the in-process router and the rollout service, all on threads the host (Jenkins' {@code Timer}) owns.
 * Pools are {@code static}, or served by the providers {@link CapacityContribution}s open with the host
 * (as {@code runway serve} wires its aws-ec2 provider and janitor); rollouts are {@code local}, or run on the
 * back-ends {@link RolloutProviderContribution}s open (aws-ec2 from runway-aws). Plain Java, so everything the plugin
 * does with the engine is tested without Jenkins.
 */
public final class RunwayHost implements AutoCloseable {
    /** How often placement judges waiting placements (blocked reasons) when nothing else asks it to. */
    static final Duration PLACEMENT_ROUND = Duration.ofSeconds(10);
    private static final Logger LOGGER = Logger.getLogger(RunwayHost.class.getName());
    private final List<CapacityContribution.Capacity> capacities;
    /** Rollout back-ends contributed by other plugins, by the spec's {@code provider:} they serve. */
    private final Map<String, RolloutProviderContribution.Backends> rolloutProviders;
    private final List<RolloutProviderContribution.Backends> rolloutBackends;
    private final StateStore store;
    private final LeaseEngine leases;
    private final PlacementService placements;
    private volatile TaskScheduler tasks;
    private final LocalDeployer deployer;
    private final EmbeddedTrafficRouter router;
    private final RolloutService rollouts;
    private final ProgressBus progress = new ProgressBus();
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final java.util.List<Runnable> closeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RunwayHost(Path stateDir, StateStore store, PoolsConfig pools, Clock clock,
                       ScheduledExecutorService executor, EngineOptions options, Duration rolloutTick,
                       Map<String, Provider> providers, List<CapacityContribution.Capacity> capacities,
                       Map<String, RolloutProviderContribution.Backends> rolloutProviders,
                       List<RolloutProviderContribution.Backends> rolloutBackends) {
        this.store = store;
        this.rolloutProviders = rolloutProviders;
        this.rolloutBackends = rolloutBackends;
        this.executor = executor;
        this.clock = clock;
        this.capacities = capacities;
        this.leases = LeaseEngine.start(pools, providers, store, clock, executor, options);
        this.placements = PlacementService.start(leases, pools, providers, clock, executor, PLACEMENT_ROUND);
        capacities.forEach(c -> c.engineStarted(leases, executor));
        this.deployer = new LocalDeployer(store, executor, clock,
                LocalDeployerOptions.defaults(stateDir.resolve("logs")));
        this.router = new EmbeddedTrafficRouter(clock);
        router.start();
        deployer.recover().join();
        this.rollouts = new RolloutService(store,
                new RolloutProviders.ByProvider(deployer, router, rolloutProviders, rolloutBackends), clock, executor, progress, rolloutTick);
    }

    /**
     * Starts the engines on {@code store} (closed with the host); local versions keep their logs under
     * {@code stateDir/logs}. Rollouts are not resumed until {@link #recover} runs.
     */
    public static RunwayHost open(Path stateDir, StateStore store, PoolsConfig pools, Clock clock,
                                  ScheduledExecutorService executor, EngineOptions options, Duration rolloutTick) {
        return open(stateDir, store, pools, clock, executor, options, rolloutTick, List.of());
    }

    /**
     * As above, with the providers {@code contributions} open for the pools that name them (each contribution
     * opened only when some pool needs it; the first one serving a provider serves it). A pool whose provider
     * neither {@code static} nor a contribution serves is refused before anything opens; on any failure what
     * was opened is closed, the store included.
     */
    public static RunwayHost open(Path stateDir, StateStore store, PoolsConfig pools, Clock clock,
                                  ScheduledExecutorService executor, EngineOptions options, Duration rolloutTick,
                                  List<? extends CapacityContribution> contributions) {
        return open(stateDir, store, pools, clock, executor, options, rolloutTick, contributions, List.of());
    }

    /**
     * As above, with the rollout back-ends {@code rolloutContributions} open (every one, when the host opens;
     * the first one serving a provider serves it): a rollout spec's {@code provider:} picks its back-end,
     * {@code local} being this host's own.
     */
    public static RunwayHost open(Path stateDir, StateStore store, PoolsConfig pools, Clock clock,
                                  ScheduledExecutorService executor, EngineOptions options, Duration rolloutTick,
                                  List<? extends CapacityContribution> contributions,
                                  List<? extends RolloutProviderContribution> rolloutContributions) {
        List<CapacityContribution.Capacity> opened = new ArrayList<>();
        List<RolloutProviderContribution.Backends> openedRollouts = new ArrayList<>();
        try {
            PoolProviders.refuseUnserved(pools, PoolProviders.available(contributions));
            Map<String, Provider> providers = new HashMap<>(Map.of(StaticProvider.NAME, new StaticProvider()));
            CapacityContribution.Context context = new CapacityContribution.Context(stateDir, clock, executor,
                    line -> LOGGER.info(line));
            for (CapacityContribution c : contributions) {
                if (needed(c, pools, providers.keySet())) {
                    CapacityContribution.Capacity capacity = c.open(pools, context);
                    opened.add(capacity);
                    capacity.providers().forEach(providers::putIfAbsent);
                }
            }
            Map<String, RolloutProviderContribution.Backends> byProvider = new HashMap<>();
            for (RolloutProviderContribution c : rolloutContributions) {
                RolloutProviderContribution.Backends b = c.open(context);
                openedRollouts.add(b);
                c.providers().forEach(name -> byProvider.putIfAbsent(name, b));
            }
            return new RunwayHost(stateDir, store, pools, clock, executor, options, rolloutTick, providers,
                    List.copyOf(opened), Map.copyOf(byProvider), List.copyOf(openedRollouts));
        } catch (RuntimeException e) {
            opened.forEach(c -> runQuietly(c::engineStopping));
            opened.forEach(c -> runQuietly(c::close));
            openedRollouts.forEach(b -> runQuietly(b::close));
            store.close();
            throw e;
        }
    }

    /** Whether some pool names a provider {@code c} serves and nothing opened so far serves it. */
    private static boolean needed(CapacityContribution c, PoolsConfig pools, Set<String> served) {
        return pools.pools().stream().map(p -> p.provider())
                .anyMatch(name -> !served.contains(name) && c.providers().contains(name));
    }

    /** The embedded default: a crash-safe store in {@code stateDir/store}. */
    public static RunwayHost openEmbedded(Path stateDir, PoolsConfig pools, Clock clock,
                                          ScheduledExecutorService executor, EngineOptions options, Duration rolloutTick) {
        return open(stateDir, EmbeddedStateStore.open(stateDir.resolve("store")), pools, clock, executor, options, rolloutTick);
    }

    /** Resumes stored rollouts (each with a router listener) and removes what no live rollout owns. */
    public List<String> recover() {
        List<String> ids = new ArrayList<>();
        for (RolloutController c : rollouts.recover()) {
            listenFor(c.state().spec());
            ids.add(c.state().id());
        }
        return ids;
    }

    /**
     * Starts a rollout on the back-end its spec's provider names; a local one with a router listener for its
     * service (and preview, for blue-green). A provider no installed plugin serves is refused (field
     * {@code provider}) before anything is recorded.
     */
    public RolloutController startRollout(RolloutSpec spec) {
        if (!RolloutProviders.LOCAL.equals(spec.provider()) && !rolloutProviders.containsKey(spec.provider())) {
            throw RolloutProviders.unserved(spec);
        }
        listenFor(spec);
        return rollouts.start(spec);
    }

    /**
     * Where the rollout's traffic is split, for the build log: the embedded router's address of a local
     * rollout, the load balancer and listener port of an aws-ec2 one.
     */
    public String routedAt(RolloutSpec spec) {
        if (RolloutProviders.LOCAL.equals(spec.provider())) {
            return listen(spec.service()).toString();
        }
        if (spec.aws() != null) {
            return spec.aws().loadBalancer() + " port " + spec.aws().listenerPort();
        }
        return "provider " + spec.provider();
    }

    /** The {@code provider:} values rollouts can name on this host: {@code local} and what plugins contribute. */
    public Set<String> rolloutProviders() {
        Set<String> out = new java.util.TreeSet<>(rolloutProviders.keySet());
        out.add(RolloutProviders.LOCAL);
        return out;
    }

    private void listenFor(RolloutSpec spec) {
        if (!RolloutProviders.LOCAL.equals(spec.provider())) {
            return; // its back-end routes (an ALB's listeners for aws-ec2), not the embedded router
        }
        listen(spec.service());
        if (spec.strategy().blueGreen() != null) {
            listen(spec.service() + "-preview");
        }
    }

    /** The router address of {@code service}, opening a listener on a free loopback port if it has none. */
    public synchronized URI listen(String service) {
        try {
            return router.address(service);
        } catch (NotFoundException e) {
            router.listen(service, 0);
            return router.address(service);
        }
    }

    /**
     * Ends what belongs to builds that are gone: waiting or active leases are revoked (their resources go
     * back through cleanup) and unfinished rollouts are aborted (rolled back, the new version torn down).
     * Leases of people ({@code user:}) are bounded by their TTL and left alone.
     *
     * @return the ids of what was ended
     */
    public List<String> reconcile(Predicate<String> buildOwnerAlive) {
        List<String> ended = new ArrayList<>();
        for (Lease l : leases.leases()) {
            if (!l.state().isTerminal() && Owners.isBuild(l.owner()) && !buildOwnerAlive.test(l.owner())) {
                leases.revoke(l.id(), "runway", "its build " + Owners.buildId(l.owner()) + " is no longer running");
                ended.add(l.id());
            }
        }
        for (RolloutState r : rollouts.list()) {
            String owner = RolloutOwners.ownerOf(r.spec());
            if (!r.phase().isTerminal() && Owners.isBuild(owner) && !buildOwnerAlive.test(owner)) {
                rollouts.abort(r.id(), "runway (build " + Owners.buildId(owner) + " is no longer running)");
                ended.add(r.id());
            }
        }
        return ended;
    }

    /** Tears down everything {@code owner} still holds; what a build's end does. */
    public List<String> teardown(String owner) {
        return reconcile(o -> !o.equals(owner));
    }

    public LeaseEngine leases() {
        return leases;
    }

    /** Placement: tasks ({@code runwayTask}, cron graphs) are leases with constraints, cost limits and scoring. */
    public PlacementService placements() {
        return placements;
    }

    /**
     * Starts the task scheduler over this host's store (runs and fire instants kept there) with
     * {@code graphs}; attempts that were running when the controller stopped count as lost and are retried.
     */
    public synchronized TaskScheduler startTasks(List<TaskGraphSpec> graphs, TaskLauncher launcher, TaskSchedulerOptions options,
                                                 TaskScheduler.Listener listener) {
        if (tasks != null) {
            throw new IllegalStateException("the task scheduler is already started");
        }
        TaskScheduler s = TaskScheduler.recover(store, store.load(), launcher, clock, options, listener);
        graphs.forEach(s::register);
        s.start(executor);
        tasks = s;
        return s;
    }

    /** The task scheduler, or null when it was not started (no graphs configured is still a started scheduler). */
    public TaskScheduler tasks() {
        return tasks;
    }

    public RolloutService rollouts() {
        return rollouts;
    }

    public ProgressBus progress() {
        return progress;
    }

    public ScheduledExecutorService executor() {
        return executor;
    }

    public Clock clock() {
        return clock;
    }

    public LocalDeployer deployer() {
        return deployer;
    }

    public EmbeddedTrafficRouter router() {
        return router;
    }

    /**
     * Stops the lease engine (durably), the router and the store. Local versions keep running; the next
     * start adopts them and resumes their rollouts, as after a crash.
     */
    @Override
    public void close() {
        try {
            TaskScheduler t = tasks;
            if (t != null) {
                t.close();
            }
            placements.close();
            rollouts.stop();
            capacities.forEach(c -> runQuietly(c::engineStopping));
            leases.close();
        } finally {
            // Provisioned capacity stays: the next host's engine knows its resources from the store.
            capacities.forEach(c -> runQuietly(c::close));
            // So do the versions of contributed rollouts: the next host resumes them from the store.
            rolloutBackends.forEach(b -> runQuietly(b::close));
            router.close();
            store.close();
            closeListeners.forEach(RunwayHost::runQuietly);
        }
    }

    /** Runs {@code listener} once this host has closed (a step following a rollout follows it on the next host). */
    public Runnable onClose(Runnable listener) {
        closeListeners.add(listener);
        return () -> closeListeners.remove(listener);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // One part's failure must not keep the others from closing; it goes to the controller's log.
            LOGGER.log(Level.WARNING, "Runway: a part of the host failed while closing", e);
        }
    }
}
