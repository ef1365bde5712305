package io.runway.jenkins.steps;

import hudson.Extension;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code rolloutPromote(id: 'r-...')} or {@code rolloutPromote(service: 'shop')}: promote a running rollout now (skip its remaining steps). */
public class RolloutPromoteStep extends RolloutCommandStep {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public RolloutPromoteStep() {
    }

    @Override
    RolloutCommandExecution.Command command() {
        return RolloutCommandExecution.Command.PROMOTE;
    }

    @Extension
    @Symbol("rolloutPromote")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("rolloutPromote", "Promote a running rollout now (skip its remaining steps)", false);
        }
    }
}
