package io.runway.jenkins.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code runwayTask(pool: 'batch', capability: 'linux', constraints: ['cpu >= 8'], count: 1, priority: 10,
 * deadline: '2h', estimatedDuration: '30m', costLimit: 4.0, scoring: 'cheapest', ttl: '1h', wait: '30m',
 * variable: 'HOSTS') { ... }}: submits the block as a task to placement and runs it on the placement's
 * lease. Configuration only; the work is in {@link RunwayTaskStepExecution}.
 */
public class RunwayTaskStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String pool;
    private String capability;
    private List<String> constraints = new ArrayList<>();
    private int count = 1;
    private int priority;
    private String deadline;
    private Double costLimit;
    private String estimatedDuration;
    private String ttl;
    private String wait;
    private String scoring;
    private String variable;

    @DataBoundConstructor
    public RunwayTaskStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RunwayTaskStepExecution(this, context);
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

    public List<String> getConstraints() {
        return constraints;
    }

    @DataBoundSetter
    public void setConstraints(List<String> constraints) {
        this.constraints = constraints == null ? new ArrayList<>() : new ArrayList<>(constraints);
    }

    public int getCount() {
        return count;
    }

    @DataBoundSetter
    public void setCount(int count) {
        this.count = count;
    }

    public int getPriority() {
        return priority;
    }

    @DataBoundSetter
    public void setPriority(int priority) {
        this.priority = priority;
    }

    public String getDeadline() {
        return deadline;
    }

    @DataBoundSetter
    public void setDeadline(String deadline) {
        this.deadline = Blank.toNull(deadline);
    }

    public Double getCostLimit() {
        return costLimit;
    }

    @DataBoundSetter
    public void setCostLimit(Double costLimit) {
        this.costLimit = costLimit;
    }

    public String getEstimatedDuration() {
        return estimatedDuration;
    }

    @DataBoundSetter
    public void setEstimatedDuration(String estimatedDuration) {
        this.estimatedDuration = Blank.toNull(estimatedDuration);
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

    public String getScoring() {
        return scoring;
    }

    @DataBoundSetter
    public void setScoring(String scoring) {
        this.scoring = Blank.toNull(scoring);
    }

    public String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(String variable) {
        this.variable = Blank.toNull(variable);
    }

    @Extension
    @Symbol("runwayTask")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "runwayTask";
        }

        @Override
        public String getDisplayName() {
            return "Run the block as a Runway task, where placement puts it";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
