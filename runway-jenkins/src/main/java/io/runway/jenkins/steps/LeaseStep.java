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
 * {@code lease(pool: 'web', capability: 'linux && x86', count: 2, ttl: '10m', wait: '30m', priority: 0,
 * variable: 'HOSTS') { ... }}: holds resources while the block runs. Configuration only; the work is in
 * {@link LeaseStepExecution}.
 */
public class LeaseStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String pool;
    private String capability;
    private int count = 1;
    private String ttl;
    private String wait;
    private int priority;
    private String variable;

    @DataBoundConstructor
    public LeaseStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new LeaseStepExecution(this, context);
    }

    public String getPool() {
        return pool;
    }

    @DataBoundSetter
    public void setPool(String pool) {
        this.pool = Blank.toNull(pool);
    }

    public String getCapability() {
        return capability;
    }

    @DataBoundSetter
    public void setCapability(String capability) {
        this.capability = Blank.toNull(capability);
    }

    public int getCount() {
        return count;
    }

    @DataBoundSetter
    public void setCount(int count) {
        this.count = count;
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = Blank.toNull(ttl);
    }

    public String getWait() {
        return wait;
    }

    @DataBoundSetter
    public void setWait(String wait) {
        this.wait = Blank.toNull(wait);
    }

    public int getPriority() {
        return priority;
    }

    @DataBoundSetter
    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(String variable) {
        this.variable = Blank.toNull(variable);
    }

    @Extension
    @Symbol("lease")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("lease", "Lease Runway resources for the block", true);
        }
    }
}
