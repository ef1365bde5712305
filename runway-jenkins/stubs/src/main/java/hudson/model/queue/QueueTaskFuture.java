package hudson.model.queue;

import hudson.model.Queue.Executable;
import java.util.concurrent.Future;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/queue/QueueTaskFuture.java}
 * ({@code public interface QueueTaskFuture<R extends Executable> extends Future<R>}; completes when the task ends).
 */
public interface QueueTaskFuture<R extends Executable> extends Future<R> {
    /** Completes when the task starts. */
    Future<R> getStartCondition();
}
