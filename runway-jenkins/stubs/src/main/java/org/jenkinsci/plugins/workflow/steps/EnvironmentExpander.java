package org.jenkinsci.plugins.workflow.steps;

import hudson.EnvVars;
import java.io.IOException;
import java.util.Set;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/EnvironmentExpander.java}.
 */
public abstract class EnvironmentExpander implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public abstract void expand(EnvVars env) throws IOException, InterruptedException;

    public Set<String> getSensitiveVariables() {
        throw new UnsupportedOperationException("stub");
    }

    public static EnvironmentExpander merge(EnvironmentExpander original, EnvironmentExpander subsequent) {
        throw new UnsupportedOperationException("stub");
    }
}
