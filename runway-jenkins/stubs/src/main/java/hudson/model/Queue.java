package hudson.model;

import hudson.model.queue.QueueTaskFuture;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Queue.java}
 * ({@code public class Queue extends ResourceController implements Saveable}; only what the plugin calls).
 */
public class Queue {
    private Queue() {
    }

    /** Upstream: {@code public boolean cancel(Item item)}. */
    public boolean cancel(Item item) {
        throw new UnsupportedOperationException("stub");
    }

    /** Upstream: {@code public abstract static class Item extends Actionable implements QueueItem}. */
    public abstract static class Item {
        /** Upstream: {@code @WithBridgeMethods(Future.class) public QueueTaskFuture<Executable> getFuture()}. */
        public QueueTaskFuture<Executable> getFuture() {
            throw new UnsupportedOperationException("stub");
        }
    }

    /** Upstream: {@code public interface Executable extends Runnable, WithConsoleUrl} (older: {@code extends Runnable}). */
    public interface Executable extends Runnable {
    }
}
