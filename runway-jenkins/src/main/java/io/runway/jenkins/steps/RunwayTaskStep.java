package io.runway.jenkins.steps;

import hudson.Extension;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code runwayTask(pool: 'batch', capability: 'linux', constraints: ['cpu >= 8'], count: 1, priority: 10,
 * deadline: '2h', estimatedDuration: '30m', costLimit: 4.0, scoring: 'cheapest', ttl: '1h', wait: '30m',
 * variable: 'HOSTS') { ... }}: submits the block as a task to placement and runs it on the placement's
 * lease. Configuration only; the work is in {@link RunwayTaskStepExecution}.
 */
public class RunwayTaskStep extends LeaseBlockStep {
    private static final long serialVersionUID = 1L;

    private List<String> constraints = new ArrayList<>();
    private String deadline;
    private Double costLimit;
    private String estimatedDuration;
    private String scoring;

    @DataBoundConstructor
    public RunwayTaskStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RunwayTaskStepExecution(this, context);
    }

    public List<String> getConstraints() {
        return constraints;
    }

    @DataBoundSetter
    public void setConstraints(List<String> constraints) {
        this.constraints = constraints == null ? new ArrayList<>() : new ArrayList<>(constraints);
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

    public String getScoring() {
        return scoring;
    }

    @DataBoundSetter
    public void setScoring(String scoring) {
        this.scoring = Blank.toNull(scoring);
    }

    @Extension
    @Symbol("runwayTask")
    public static final class DescriptorImpl extends RunwayStepDescriptor {
        public DescriptorImpl() {
            super("runwayTask", "Run the block as a Runway task, where placement puts it", true);
        }
    }
}
