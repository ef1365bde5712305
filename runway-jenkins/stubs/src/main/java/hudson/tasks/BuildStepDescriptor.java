package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/tasks/BuildStepDescriptor.java}. */
public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends hudson.model.Descriptor<T> {
    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
