package io.runway.jenkins.steps;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code rolloutPromote(id: 'r-...')} or {@code rolloutPromote(service: 'shop')}: promote a running rollout now (skip its remaining steps). */
public class RolloutPromoteStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String id;
    private String service;

    @DataBoundConstructor
    public RolloutPromoteStep() {
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new RolloutCommandExecution(RolloutCommandExecution.Command.PROMOTE, id, service, context);
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

    @Extension
    @Symbol("rolloutPromote")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "rolloutPromote";
        }

        @Override
        public String getDisplayName() {
            return "Promote a running rollout now (skip its remaining steps)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return false;
        }
    }
}
