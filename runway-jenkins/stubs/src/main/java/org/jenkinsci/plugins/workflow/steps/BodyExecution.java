package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecution.java}.
 */
public abstract class BodyExecution implements java.util.concurrent.Future<Object>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public abstract java.util.Collection<StepExecution> getCurrentExecutions();

    public boolean cancel(Throwable t) {
        throw new UnsupportedOperationException("stub");
    }
}
