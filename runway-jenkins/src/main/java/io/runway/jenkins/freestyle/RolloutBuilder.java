package io.runway.jenkins.freestyle;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.InvalidSpecException;
import io.runway.core.spec.Problem;
import io.runway.jenkins.host.HostHolder;
import io.runway.jenkins.host.Owners;
import io.runway.jenkins.host.RolloutOwners;
import io.runway.jenkins.host.RunwayHost;
import io.runway.jenkins.rollout.OnRollback;
import io.runway.jenkins.rollout.RolloutResults;
import io.runway.jenkins.rollout.RolloutSpecs;
import io.runway.jenkins.steps.BuildRecords;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Freestyle "Run a Runway rollout" from a spec file in the workspace. Blocks the build's executor until
 * the rollout has a result (a freestyle build holds its executor anyway). Aborting the build rolls back.
 */
public class RolloutBuilder extends Builder implements SimpleBuildStep {
    private final String spec;
    private String onRollback;

    @DataBoundConstructor
    public RolloutBuilder(String spec) {
        this.spec = spec;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        OnRollback policy = OnRollback.parse(onRollback);
        RolloutSpec parsed;
        try {
            parsed = RolloutSpecs.read(spec, workspace.child(spec).readToString());
        } catch (InvalidSpecException e) {
            throw new AbortException("Invalid rollout spec:\n" + e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
        RunwayHost host = HostHolder.get();
        RolloutController c = host.startRollout(RolloutOwners.ownedBy(parsed, Owners.build(run.getExternalizableId())));
        String id = c.state().id();
        Runnable unfollow = host.progress().follow(id, line -> listener.getLogger().println("[runway] " + id + ": " + line));
        BuildRecords.rollout(run, c.state());
        RolloutState end;
        try {
            end = c.finished().get();
        } catch (InterruptedException e) {
            host.rollouts().abort(id, "jenkins (" + run.getExternalizableId() + " was aborted)");
            throw e;
        } catch (ExecutionException e) {
            throw new AbortException("Rollout " + id + " stopped: " + e.getCause().getMessage());
        } finally {
            unfollow.run();
        }
        BuildRecords.rollout(run, end);
        listener.getLogger().println("[runway] " + RolloutResults.summary(end));
        if (!end.phase().isSuccessful()) {
            switch (policy) {
                case FAILURE -> throw new AbortException(RolloutResults.summary(end));
                case UNSTABLE -> run.setResult(Result.UNSTABLE);
                case NONE -> { }
            }
        }
    }

    public String getSpec() {
        return spec;
    }

    public String getOnRollback() {
        return onRollback;
    }

    @DataBoundSetter
    public void setOnRollback(String onRollback) {
        this.onRollback = onRollback == null || onRollback.isBlank() ? null : onRollback.strip();
    }

    @Extension
    @Symbol("runwayRollout")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Run a Runway rollout";
        }
    }
}
