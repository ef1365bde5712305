package io.runway.jenkins.steps;

import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The parameters of a block that runs on a lease: where from ({@code pool}, {@code capability}), how
 * many, for how long ({@code ttl}), how long to wait, at what priority, and the environment variable
 * prefix ({@code variable}). {@link LeaseStep} is exactly this; {@link RunwayTaskStep} adds placement's
 * constraints, deadline, cost and scoring.
 */
public abstract class LeaseBlockStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String pool;
    private String capability;
    private int count = 1;
    private String ttl;
    private String wait;
    private int priority;
    private String variable;

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
}
