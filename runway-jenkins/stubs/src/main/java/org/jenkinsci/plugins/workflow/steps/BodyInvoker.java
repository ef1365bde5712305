package org.jenkinsci.plugins.workflow.steps;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java}.
 */
public abstract class BodyInvoker {
    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withDisplayName(String name);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();
}
