package io.runway.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import io.runway.core.error.RunwayException;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.InvalidSpecException;
import io.runway.core.spec.Problem;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.RolloutOwners;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.rollout.OnRollback;
import io.runway.jenkins.rollout.RolloutResults;
import io.runway.jenkins.rollout.RolloutSpecs;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs {@code rollout(...)}: reads the spec (off the CPS thread), starts the rollout through core's rollout
 * service, prints each progress line, and completes when the rollout has a result. The rollout id is
 * saved with the program; after a controller restart the service resumes the rollout from its store and
 * {@link #onResume} follows it again by id. Stopping the build rolls the rollout back.
 */
public class RolloutStepExecution extends RunwayStepExecution {
    private static final long serialVersionUID = 1L;

    private final String specPath;
    private final String inlineSpec;
    private final OnRollback onRollback;
    private String owner;
    private String rolloutId;

    private transient volatile Runnable unfollow;
    private transient volatile AtomicBoolean completed;
    private transient volatile java.util.concurrent.ScheduledExecutorService lastExecutor;

    RolloutStepExecution(RolloutStep step, StepContext context) {
        super(context);
        if (step.getSpec() != null && step.hasInlineFields()) {
            throw new io.runway.core.error.InvalidInputException("spec",
                    "give either spec: (a file in the workspace) or the spec's fields inline, not both");
        }
        if (step.getSpec() == null && !step.hasInlineFields()) {
            throw new io.runway.core.error.InvalidInputException("spec",
                    "give spec: 'path/in/workspace.yaml' or the spec's fields inline (service, version, baseline, deploy, strategy, ...)");
        }
        this.specPath = step.getSpec();
        this.inlineSpec = step.getSpec() == null ? RolloutSpecs.inline(step.inlineFields()) : null;
        this.onRollback = OnRollback.parse(step.getOnRollback());
    }

    @Override
    public boolean start() throws Exception {
        owner = StepOwners.of(context());
        FilePath workspace = specPath == null ? null : context().get(FilePath.class);
        if (specPath != null && workspace == null) {
            throw new AbortException("rollout(spec: '" + specPath + "') reads a file of the workspace: run it inside node { }");
        }
        RunwayHost host = HostHolder.get();
        completed = new AtomicBoolean();
        // Reading the workspace and storing the new rollout are I/O: never on the CPS thread.
        host.executor().execute(() -> launch(host, workspace));
        return false;
    }

    private void launch(RunwayHost host, FilePath workspace) {
        try {
            RolloutSpec spec = specPath == null ? RolloutSpecs.read("rollout step", inlineSpec)
                    : RolloutSpecs.read(specPath, workspace.child(specPath).readToString());
            RolloutController c = host.startRollout(RolloutOwners.ownedBy(spec, owner));
            synchronized (this) {
                rolloutId = c.state().id();
            }
            context().saveState();
            StepLog.println(context(), "Started rollout " + rolloutId + ": " + spec.service() + " " + spec.baseline()
                    + " → " + spec.version() + " on " + host.routedAt(spec));
            BuildRecords.rollout(context(), c.state());
            follow(host, c);
        } catch (InvalidSpecException e) {
            context().onFailure(new AbortException("Invalid rollout spec:\n" + e.problems().stream()
                    .map(Problem::toString).collect(Collectors.joining("\n"))));
        } catch (RunwayException e) {
            context().onFailure(new AbortException("Rollout not started: " + e.getMessage()));
        } catch (Exception e) {
            context().onFailure(e);
        }
    }

    private void follow(RunwayHost host, RolloutController c) {
        lastExecutor = host.executor();
        Runnable stopListening = host.onClose(this::hostClosed);
        Runnable lines = host.progress().follow(c.state().id(), line -> {
            StepLog.println(context(), c.state().id() + ": " + line);
            RolloutState now = c.state();
            if (now.phase().isTerminal()) {
                // Called under the rollout controller's lock: write the build's records elsewhere.
                host.executor().execute(() -> finish(now, null));
            }
        });
        unfollow = () -> {
            lines.run();
            stopListening.run();
        };
        c.finished().whenComplete(this::finish);
        RolloutState now = c.state();
        if (now.phase().isTerminal()) {
            finish(now, null);
        }
    }

    /**
     * The host closed under the rollout: Runway is restarting (configuration saved) or the controller is
     * shutting down. The rollout lives on in the store; follow it on the next host (after a shutdown,
     * {@link #onResume} does).
     */
    private void hostClosed() {
        Runnable stop = unfollow;
        if (stop != null) {
            stop.run();
        }
        if (!HostHolder.isShuttingDown()) {
            refollowLater();
        }
    }

    /** Completes the step once, when the rollout has a result (teardown of the loser goes on after). */
    private void finish(RolloutState state, Throwable error) {
        if (error != null && retryable(error)) {
            hostClosed();
            return;
        }
        AtomicBoolean once = completed;
        if (once == null || !once.compareAndSet(false, true)) {
            return;
        }
        Runnable stop = unfollow;
        if (stop != null) {
            stop.run();
        }
        if (error != null) {
            context().onFailure(new AbortException("Rollout " + rolloutId + " stopped: " + LeaseStepExecution.message(error)));
            return;
        }
        BuildRecords.rollout(context(), state);
        StepLog.println(context(), RolloutResults.summary(state));
        if (state.phase().isSuccessful()) {
            context().onSuccess(RolloutResults.of(state));
            return;
        }
        switch (onRollback) {
            case FAILURE -> context().onFailure(new AbortException(RolloutResults.summary(state)));
            case UNSTABLE -> {
                context().setResult(Result.UNSTABLE);
                context().onSuccess(RolloutResults.of(state));
            }
            case NONE -> context().onSuccess(RolloutResults.of(state));
        }
    }

    private static boolean retryable(Throwable error) {
        Throwable t = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof RunwayException re && re.retryable();
    }

    /** Follows the rollout again once the controller's new host has resumed it. */
    private void refollowLater() {
        java.util.concurrent.ScheduledExecutorService executor = lastExecutor;
        if (executor == null) {
            return;
        }
        executor.schedule(() -> {
            if (HostHolder.isShuttingDown() || completed == null || completed.get()) {
                return;
            }
            RunwayHost now = HostHolder.getOrNull();
            if (now == null) {
                refollowLater();
                return;
            }
            try {
                RolloutController c = now.rollouts().get(rolloutId);
                StepLog.println(context(), "Runway restarted; following rollout " + rolloutId + " again");
                follow(now, c);
            } catch (RunwayException e) {
                // The new host resumed every unfinished rollout before it was installed: this one ended.
                completed.set(true);
                context().onFailure(new AbortException("Rollout " + rolloutId
                        + " is not running after Runway restarted (it ended meanwhile); see the Runway page"));
            }
        }, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        String id;
        synchronized (this) {
            id = rolloutId;
        }
        RunwayHost host = HostHolder.getOrNull();
        if (id != null && host != null) {
            StepLog.println(context(), "Build stopped: rolling back rollout " + id);
            try {
                host.rollouts().abort(id, "jenkins (" + owner + " was stopped)");
            } catch (RunwayException e) {
                StepLog.println(context(), "Could not abort rollout " + id + ": " + e.getMessage());
            }
        }
        AtomicBoolean once = completed;
        if (once != null) {
            once.set(true);
        }
        Runnable stopFollowing = unfollow;
        if (stopFollowing != null) {
            stopFollowing.run();
        }
        context().onFailure(cause);
    }

    @Override
    public void onResume() {
        completed = new AtomicBoolean();
        if (rolloutId == null) {
            context().onFailure(new AbortException("The controller restarted before the rollout was started; run the build again"));
            return;
        }
        try {
            RunwayHost host = HostHolder.get();
            RolloutController c = host.rollouts().get(rolloutId);
            StepLog.println(context(), "Controller restarted; following rollout " + rolloutId + " again (phase "
                    + c.state().phase() + ")");
            follow(host, c);
        } catch (RunwayException e) {
            context().onFailure(new AbortException("Rollout " + rolloutId + " cannot be followed after the restart: " + e.getMessage()));
        }
    }

    @Override
    public String getStatus() {
        return rolloutId == null ? "starting a rollout" : "following rollout " + rolloutId;
    }

    String rolloutId() {
        return rolloutId;
    }
}
