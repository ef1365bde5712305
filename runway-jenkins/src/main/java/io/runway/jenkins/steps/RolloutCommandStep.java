package io.runway.jenkins.steps;

import java.io.Serializable;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A command to a running rollout named by {@code id}, or by {@code service} for that service's running
 * rollout: {@link RolloutPromoteStep} and {@link RolloutAbortStep}.
 */
public abstract class RolloutCommandStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private String service;

    /** Which command this step sends. */
    abstract RolloutCommandExecution.Command command();

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RolloutCommandExecution(command(), id, service, context);
    }

    public String getId() {
        return id;
    }

    @DataBoundSetter
    public void setId(String id) {
        this.id = Blank.toNull(id);
    }

    public String getService() {
        return service;
    }

    @DataBoundSetter
    public void setService(String service) {
        this.service = Blank.toNull(service);
    }
}
