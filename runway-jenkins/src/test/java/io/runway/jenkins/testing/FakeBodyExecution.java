package io.runway.jenkins.testing;

import hudson.EnvVars;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A block body the test ends by hand ({@link #succeed}, {@link #fail}). Cancelling it ends it with the
 * cause, as Pipeline does when it interrupts a block. Serializable with its callback, like the real one.
 */
public final class FakeBodyExecution extends BodyExecution {
    private static final long serialVersionUID = 1L;

    private final FakeStepContext context;
    private final BodyExecutionCallback callback;
    private final ArrayList<Object> contexts;
    private volatile Throwable cancelledWith;
    private final transient java.util.concurrent.CompletableFuture<Throwable> cancelled = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean done;

    FakeBodyExecution(FakeStepContext context, BodyExecutionCallback callback, List<Object> contexts) {
        this.context = context;
        this.callback = callback;
        this.contexts = new ArrayList<>(contexts);
    }

    /** The body's environment, as the step's context objects expand it. */
    public EnvVars environment() throws Exception {
        EnvVars env = new EnvVars();
        for (Object o : contexts) {
            if (o instanceof EnvironmentExpander e) {
                e.expand(env);
            }
        }
        return env;
    }

    public void succeed(Object result) {
        done = true;
        callback.onSuccess(context, result);
    }

    public void fail(Throwable t) {
        done = true;
        callback.onFailure(context, t);
    }

    public Throwable cancelledWith() {
        return cancelledWith;
    }

    /** The cause the body was cancelled with, waiting at most 30 s (cancelling may come from another thread). */
    public Throwable awaitCancelled() throws Exception {
        return cancelled.get(30, TimeUnit.SECONDS);
    }

    @Override
    public Collection<StepExecution> getCurrentExecutions() {
        return List.of();
    }

    @Override
    public boolean cancel(Throwable t) {
        if (done) {
            return false;
        }
        cancelledWith = t;
        if (cancelled != null) {
            cancelled.complete(t); // null in a copy made by serialization
        }
        fail(t);
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel(new InterruptedException("cancelled"));
    }

    @Override
    public boolean isCancelled() {
        return cancelledWith != null;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public Object get() {
        throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by the tests");
    }
}
