package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/jenkins/model/ParameterizedJobMixIn.java}
 * ({@code public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT> & ParameterizedJob<JobT, RunT> & Queue.Task,
 * RunT extends Run<JobT, RunT> & Queue.Executable>}; the bounds are left out here, only the static helper the plugin calls).
 */
public abstract class ParameterizedJobMixIn<JobT, RunT> {
    /**
     * Upstream: {@code public static @CheckForNull Queue.Item scheduleBuild2(final Job<?,?> job, int quietPeriod, Action... actions)}
     * (since 1.621): null when the job is not a ParameterizedJob, not buildable, or the queue refused it.
     */
    public static Queue.Item scheduleBuild2(Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("stub");
    }
}
