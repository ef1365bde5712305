package io.runway.jenkins.steps;

import hudson.Extension;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code lease(pool: 'web', capability: 'linux && x86', count: 2, ttl: '10m', wait: '30m', priority: 0,
 * variable: 'HOSTS') { ... }}: holds resources while the block runs. Configuration only; the work is in
 * {@link LeaseStepExecution}.
 */
public class LeaseStep extends LeaseBlockStep {
    private static final long serialVersionUID = 1L;

    @DataBoundConstructor
    public LeaseStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new LeaseStepExecution(this, context);
    }

    @Extension
    @Symbol("lease")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("lease", "Lease Runway resources for the block", true);
        }
    }
}
