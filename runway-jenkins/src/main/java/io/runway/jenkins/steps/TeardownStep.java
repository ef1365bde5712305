package io.runway.jenkins.steps;

import hudson.Extension;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code teardown()}: ends, now, everything this build still holds (leases released, their resources
 * cleaned; unfinished rollouts rolled back and their new version torn down). {@code teardown(lease: id)}
 * or {@code teardown(rollout: id)} ends one thing. The build's end does the same automatically.
 */
public class TeardownStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String lease;
    private String rollout;

    @DataBoundConstructor
    public TeardownStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new TeardownStepExecution(lease, rollout, context);
    }

    public String getLease() {
        return lease;
    }

    @DataBoundSetter
    public void setLease(String lease) {
        this.lease = Blank.toNull(lease);
    }

    public String getRollout() {
        return rollout;
    }

    @DataBoundSetter
    public void setRollout(String rollout) {
        this.rollout = Blank.toNull(rollout);
    }

    @Extension
    @Symbol("teardown")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("teardown", "Tear down what this build leased or deployed", false);
        }
    }
}
