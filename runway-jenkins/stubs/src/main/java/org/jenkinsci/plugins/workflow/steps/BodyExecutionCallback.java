package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecutionCallback.java}.
 */
public abstract class BodyExecutionCallback implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);

    /** Upstream: {@code onSuccess} is final and calls {@link #finished} then completes the context. */
    public abstract static class TailCall extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;

        protected abstract void finished(StepContext context) throws Exception;

        @Override
        public final void onSuccess(StepContext context, Object result) {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            throw new UnsupportedOperationException("stub");
        }
    }
}
