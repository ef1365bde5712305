package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java}.
 */
public abstract class StepExecution implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("stub");
    }

    public void onResume() {
        throw new UnsupportedOperationException("stub");
    }

    public String getStatus() {
        throw new UnsupportedOperationException("stub");
    }
}
