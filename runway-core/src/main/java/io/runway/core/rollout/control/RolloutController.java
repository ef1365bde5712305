package io.runway.core.rollout.control;

import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.DeploymentState;
import io.runway.core.error.InvalidInputException;
import io.runway.core.judge.Judgement;
import io.runway.core.rollout.Commands;
import io.runway.core.rollout.Decision;
import io.runway.core.rollout.DeployStatus;
import io.runway.core.rollout.DeploymentRef;
import io.runway.core.rollout.Observation;
import io.runway.core.rollout.Role;
import io.runway.core.rollout.RolloutAction;
import io.runway.core.rollout.RolloutDecider;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.rollout.spec.VersionDeployment;
import io.runway.core.store.StateStore;
import io.runway.core.store.StoreBatch;
import io.runway.core.traffic.TrafficRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs one rollout: every tick it observes the deployments, judges the traffic when an interval is due,
 * asks the {@link RolloutDecider} what to do, stores the new state (durable before any side effect), then
 * deploys, routes and tears down through the provider and the router. One tick at a time; ticks run on
 * the host's executor. A controller rebuilt from the stored state after a crash simply decides again.
 */
public final class RolloutController {
    /** Receives progress lines as they happen. */
    public interface Listener {
        void progress(RolloutState state, String line);
    }

    private final StateStore store;
    private final Deployer deployer;
    private final TrafficRouter router;
    private final Clock clock;
    private final Listener listener;
    private final RolloutDecider decider = new RolloutDecider();
    /** Written by deployment callbacks on the provider's threads, so never under this controller's lock. */
    private final Map<Role, DeployStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final Gate<?> gate;
    private final TrafficWatch watch;
    private final CompletableFuture<RolloutState> finished = new CompletableFuture<>();
    private volatile RolloutState state;
    private long documentVersion;
    private Instant lastJudged;
    private ScheduledFuture<?> ticking;

    RolloutController(RolloutState state, long documentVersion, StateStore store, Deployer deployer,
                      TrafficRouter router, Clock clock, Listener listener) {
        this.state = state;
        this.documentVersion = documentVersion;
        this.store = store;
        this.deployer = deployer;
        this.router = router;
        this.clock = clock;
        this.listener = listener;
        this.gate = Gate.of(state.spec().analysis());
        this.watch = new TrafficWatch(router, state.spec());
        for (Map.Entry<Role, DeploymentRef> e : state.deployments().entrySet()) {
            statuses.put(e.getKey(), DeployStatus.ready(e.getValue().deploymentId(), e.getValue().endpoint()));
        }
    }

    /** A new rollout: stored as version 1 before anything is deployed. */
    public static RolloutController create(RolloutState initial, StateStore store, Deployer deployer,
                                           TrafficRouter router, Clock clock, Listener listener) {
        store.commit(StoreBatch.ofDocuments(List.of(RolloutDocuments.write(initial, 1)))).join();
        return new RolloutController(initial, 1, store, deployer, router, clock, listener);
    }

    /**
     * A rollout found in the store after a restart. Its routes are set again from the stored state (the
     * embedded router does not outlive the process), and deciding resumes where the state says.
     */
    public static RolloutController resume(RolloutState stored, long documentVersion, StateStore store,
                                           Deployer deployer, TrafficRouter router, Clock clock, Listener listener) {
        RolloutController c = new RolloutController(stored, documentVersion, store, deployer, router, clock, listener);
        if (!stored.deployments().isEmpty() && !stored.isFinished()) {
            c.watch.route(stored, stored.canaryWeightBp(), true, stored.spec().strategy().blueGreen() != null);
            c.watch.restart(clock.instant());
        }
        c.listener.progress(stored, "resumed in phase " + stored.phase() + " at step " + (stored.stepIndex() + 1));
        return c;
    }

    /** Starts ticking on the host's executor. */
    public synchronized void start(ScheduledExecutorService executor, Duration every) {
        long ms = Math.max(10, every.toMillis());
        ticking = executor.scheduleWithFixedDelay(this::tickSafely, 0, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops ticking without changing the rollout: what a host does when it closes. The rollout stays as
     * stored; the next host resumes it. {@link #finished()} does not complete.
     */
    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    /** Completes when the rollout ended and its loser is torn down. */
    public CompletableFuture<RolloutState> finished() {
        return finished;
    }

    public synchronized RolloutState state() {
        return state;
    }

    /** Asks to promote now (skip the remaining steps). Idempotent; acted on at the next tick. */
    public CompletableFuture<RolloutState> promote(String by) {
        return command(c -> c.promote(by, clock.instant()));
    }

    /** Asks to roll back now. Idempotent; acted on at the next tick. */
    public CompletableFuture<RolloutState> abort(String by) {
        return command(c -> c.abort(by, clock.instant()));
    }

    private synchronized CompletableFuture<RolloutState> command(UnaryOperator<Commands> change) {
        if (state.isFinished()) {
            return CompletableFuture.completedFuture(state);
        }
        RolloutState next = state.withCommands(change.apply(state.commands()));
        if (!next.equals(state)) {
            persist(next);
        }
        return CompletableFuture.completedFuture(state);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof io.runway.core.error.UnavailableException) {
                // The store refuses writes for good: stop rather than retry (and log) every tick.
                listener.progress(state, "controller stopped: the state store is unavailable: " + rootMessage(e));
                if (ticking != null) {
                    ticking.cancel(false);
                }
                finished.completeExceptionally(e);
                return;
            }
            listener.progress(state, "controller error (will retry): " + e);
        }
    }

    /** One round: observe, judge when due, decide, store, act. */
    public synchronized void tick() {
        if (finished.isDone()) {
            return;
        }
        Instant now = clock.instant();
        refreshLiveness();
        Judgement judgement = judgeIfDue(now);
        Decision decision = decider.decide(state, new Observation(Map.copyOf(statuses), judgement), now);
        if (!decision.state().equals(state)) {
            persist(decision.state());
        }
        decision.notes().forEach(line -> listener.progress(state, line));
        decision.actions().forEach(action -> apply(action, now));
        if (state.isFinished()) {
            if (ticking != null) {
                ticking.cancel(false);
            }
            finished.complete(state);
        }
    }

    private void refreshLiveness() {
        for (Map.Entry<Role, DeployStatus> e : Map.copyOf(statuses).entrySet()) {
            DeployStatus s = e.getValue();
            if (s.state() == DeployStatus.State.READY && !deployer.isRunning(s.deploymentId())) {
                statuses.put(e.getKey(), DeployStatus.exited(s.deploymentId(), "its process exited"));
            }
        }
    }

    private Judgement judgeIfDue(Instant now) {
        boolean judging = state.phase() == RolloutPhase.PROGRESSING || state.phase() == RolloutPhase.PAUSED;
        Duration interval = state.spec().analysis().interval();
        if (!judging || (lastJudged != null && now.isBefore(lastJudged.plus(interval)))) {
            return null;
        }
        lastJudged = now;
        TrafficWatch.Reading reading = watch.read(state, now);
        Judgement judgement = gate.evaluate(reading.measurement());
        listener.progress(state, reading.describe(state) + " → " + judgement.verdict() + ": " + judgement.reason());
        return judgement;
    }

    private void apply(RolloutAction action, Instant now) {
        // Java 17: no pattern switch yet; the sealed interface keeps this list complete.
        if (action instanceof RolloutAction.Deploy d) {
            deploy(d.role());
        } else if (action instanceof RolloutAction.Route r) {
            watch.route(state, r.canaryWeightBp(), r.cohorts(), r.preview());
        } else if (action instanceof RolloutAction.Undeploy u) {
            undeploy(u.role(), u.deploymentId());
        } else if (action instanceof RolloutAction.RestartJudging) {
            gate.restart();
            watch.restart(now);
            lastJudged = now;
        }
    }

    /**
     * Starts a version. Its callback runs on the provider's thread (for the local provider, the store's
     * writer), so it must not take this controller's lock: a tick holding it waits on that same writer.
     */
    private void deploy(Role role) {
        RolloutSpec spec = state.spec();
        String version = role == Role.CANARY ? spec.version() : spec.baseline();
        DeploymentRequest request;
        try {
            request = VersionDeployment.request(spec, version, state.id());
        } catch (InvalidInputException e) {
            // Validation refuses such specs; one stored by an older runway fails like a version that cannot start,
            // instead of retrying the same refusal every tick.
            statuses.put(role, DeployStatus.failed("cannot start " + version + ": " + e.field() + ": " + e.getMessage()));
            return;
        }
        Deployment running = alreadyRunning(request);
        if (running != null) {
            listener.progress(state, "adopted " + request.version() + " (" + running.id()
                    + "): it was ready before runway restarted");
            statuses.put(role, DeployStatus.ready(running.id(), running.endpoint()));
            return;
        }
        statuses.put(role, DeployStatus.starting());
        deployer.deploy(request).whenComplete((deployment, error) -> {
            if (error != null) {
                statuses.put(role, DeployStatus.failed(rootMessage(error)));
            } else if (state.phase().isTerminal()) {
                // Ended (aborted, failed) while this version was starting: nobody will route to it.
                statuses.put(role, DeployStatus.ABSENT);
                deployer.undeploy(deployment.id());
            } else {
                statuses.put(role, DeployStatus.ready(deployment.id(), deployment.endpoint()));
            }
        });
    }

    /**
     * A ready deployment of this rollout for the same version, if the provider has one: after a crash
     * between "the version is ready" and "the rollout state says so", the provider's journal knows it and
     * the rollout does not. Adopting it avoids a second copy that only the next sweep would remove.
     */
    private Deployment alreadyRunning(DeploymentRequest request) {
        for (Deployment d : deployer.deployments()) {
            if (d.ownerId().equals(state.id()) && d.service().equals(request.service())
                    && d.version().equals(request.version()) && d.state() == DeploymentState.READY
                    && deployer.isRunning(d.id())) {
                return d;
            }
        }
        return null;
    }

    private void undeploy(Role role, String deploymentId) {
        deployer.undeploy(deploymentId).whenComplete((v, error) -> {
            statuses.put(role, DeployStatus.ABSENT);
            if (error != null) {
                listener.progress(state, "teardown of " + deploymentId + " failed (the janitor retries): "
                        + rootMessage(error));
            }
        });
    }

    /** Stores {@code next} before anyone acts on it; a failed write stops this controller. */
    private void persist(RolloutState next) {
        long version = documentVersion + 1;
        store.commit(StoreBatch.ofDocuments(List.of(RolloutDocuments.write(next, version)))).join();
        documentVersion = version;
        state = next;
    }

    static String rootMessage(Throwable t) {
        Throwable root = rootCause(t);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
