package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java}.
 */
public abstract class Step extends hudson.model.AbstractDescribableImpl<Step> implements hudson.ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("stub");
    }
}
