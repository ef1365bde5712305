package hudson.tasks;

import hudson.model.AbstractProject;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/tasks/BuildWrapperDescriptor.java}. */
public abstract class BuildWrapperDescriptor extends hudson.model.Descriptor<BuildWrapper> {
    public abstract boolean isApplicable(AbstractProject<?, ?> item);
}
