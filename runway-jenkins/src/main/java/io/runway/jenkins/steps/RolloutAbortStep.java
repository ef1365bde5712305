package io.runway.jenkins.steps;

import hudson.Extension;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code rolloutAbort(id: 'r-...')} or {@code rolloutAbort(service: 'shop')}: abort a running rollout (roll back to the baseline). */
public class RolloutAbortStep extends RolloutCommandStep {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public RolloutAbortStep() {
    }

    @Override
    RolloutCommandExecution.Command command() {
        return RolloutCommandExecution.Command.ABORT;
    }

    @Extension
    @Symbol("rolloutAbort")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("rolloutAbort", "Abort a running rollout (roll back to the baseline)", false);
        }
    }
}
