package hudson.tasks;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/tasks/Builder.java}
 * ({@code extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint}).
 */
public abstract class Builder implements BuildStep, hudson.model.Describable<Builder>, hudson.ExtensionPoint {
}
