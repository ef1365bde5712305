package io.runway.jenkins.tasks;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts builds of Jenkins jobs: the only Jenkins the task launcher needs, behind an interface so that
 * {@link JobTaskLauncher} is tested without Jenkins. {@link JenkinsJobTrigger} is the real one.
 */
public interface JobTrigger {
    /**
     * Queues a build of {@code job} (an item's full name) with string parameters.
     *
     * @throws io.runway.core.error.RunwayException naming the field {@code job} when there is no such job or it
     *     takes no builds (disabled)
     */
    JobBuild trigger(String job, Map<String, String> parameters);

    /** One queued build, followed without holding a thread. */
    interface JobBuild {
        /** Completes with a description for people (e.g. {@code folder/deploy #12}) when the build starts. */
        CompletableFuture<String> started();

        /**
         * Completes with the build's result when it ends: {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE},
         * {@code NOT_BUILT}, {@code ABORTED}, or {@code CANCELLED} when it left the queue without starting.
         */
        CompletableFuture<String> completed();

        /** Takes the build out of the queue or aborts it; {@link #completed} still completes. Idempotent. */
        void abort(String reason);
    }
}
