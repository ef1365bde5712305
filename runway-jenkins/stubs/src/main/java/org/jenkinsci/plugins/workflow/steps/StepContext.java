package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import java.io.IOException;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.plugins.workflow:workflow-step-api (jenkinsci/workflow-step-api-plugin),
 * {@code src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java}.
 * {@code onFailure(Throwable)} is inherited from Guava's {@link FutureCallback}, as upstream.
 */
public abstract class StepContext implements FutureCallback<Object>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    public abstract boolean isReady();

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(hudson.model.Result r);

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
