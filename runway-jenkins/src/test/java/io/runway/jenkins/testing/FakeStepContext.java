package io.runway.jenkins.testing;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A {@link StepContext} for unit tests of step executions, written against the Step API only (it compiles
 * against the real workflow-step-api as well as the stubs). Like the real one it is serializable and
 * identified by an id: a copy made by serialization reports to the same {@link Record}, so a test can
 * serialize an execution, "restart", and keep watching the same step.
 */
public final class FakeStepContext extends StepContext {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Record> RECORDS = new ConcurrentHashMap<>();

    private final String id;

    /** What happened to one step: its outcome, body, log and build result. Shared by serialized copies. */
    public static final class Record {
        public final CompletableFuture<Object> outcome = new CompletableFuture<>();
        public final List<Object> outcomes = new ArrayList<>();
        public final List<FakeBodyExecution> bodies = new ArrayList<>();
        public final CompletableFuture<FakeBodyExecution> bodyStarted = new CompletableFuture<>();
        public final ByteArrayOutputStream log = new ByteArrayOutputStream();
        public volatile Result result;
        public volatile int saves;

        public String log() {
            synchronized (log) {
                return log.toString(StandardCharsets.UTF_8);
            }
        }
    }

    public FakeStepContext() {
        this.id = UUID.randomUUID().toString();
        RECORDS.put(id, new Record());
    }

    public Record record() {
        return RECORDS.get(id);
    }

    /** The step's result (what onSuccess got), waiting at most 30 s; fails if the step failed. */
    public Object awaitSuccess() throws Exception {
        return record().outcome.get(30, TimeUnit.SECONDS);
    }

    /** The step's failure, waiting at most 30 s. */
    public Throwable awaitFailure() throws Exception {
        try {
            Object r = record().outcome.get(30, TimeUnit.SECONDS);
            throw new AssertionError("expected the step to fail, it succeeded with " + r);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    public FakeBodyExecution awaitBody() throws Exception {
        return record().bodyStarted.get(30, TimeUnit.SECONDS);
    }

    public boolean isDone() {
        return record().outcome.isDone();
    }

    @Override
    public <T> T get(Class<T> key) {
        if (key == TaskListener.class) {
            return key.cast(new Listener(id));
        }
        if (key == EnvironmentExpander.class) {
            return null;
        }
        return null; // Run, FilePath, ...: not in a unit test
    }

    @Override
    public void onSuccess(Object result) {
        Record r = record();
        synchronized (r) {
            r.outcomes.add(result);
        }
        r.outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        Record r = record();
        synchronized (r) {
            r.outcomes.add(t);
        }
        r.outcome.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        record().saves++;
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
        record().result = r;
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        return new Invoker(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeStepContext c && c.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** A build log that writes into the record. */
    static final class Listener implements TaskListener {
        private static final long serialVersionUID = 1L;
        private final String id;

        Listener(String id) {
            this.id = id;
        }

        @Override
        public PrintStream getLogger() {
            ByteArrayOutputStream log = RECORDS.get(id).log;
            return new PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (log) {
                        log.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    synchronized (log) {
                        log.write(b, off, len);
                    }
                }
            }, true, StandardCharsets.UTF_8);
        }
    }

    /** Records what the step asked for and "starts" a body the test ends by hand. */
    static final class Invoker extends BodyInvoker {
        private final FakeStepContext context;
        private final List<Object> contexts = new ArrayList<>();
        private BodyExecutionCallback callback;

        Invoker(FakeStepContext context) {
            this.context = context;
        }

        @Override
        public BodyInvoker withContext(Object override) {
            contexts.add(override);
            return this;
        }

        @Override
        public BodyInvoker withDisplayName(String name) {
            return this;
        }

        @Override
        public BodyInvoker withCallback(BodyExecutionCallback callback) {
            this.callback = callback;
            return this;
        }

        @Override
        public FakeBodyExecution start() {
            FakeBodyExecution body = new FakeBodyExecution(context, callback, contexts);
            Record r = context.record();
            synchronized (r) {
                r.bodies.add(body);
            }
            r.bodyStarted.complete(body);
            return body;
        }
    }
}
