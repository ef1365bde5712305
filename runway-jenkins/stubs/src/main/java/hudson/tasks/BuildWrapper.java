package hudson.tasks;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/tasks/BuildWrapper.java}
 * ({@code public abstract class BuildWrapper implements ExtensionPoint, Describable<BuildWrapper>}).
 */
public abstract class BuildWrapper implements hudson.ExtensionPoint, hudson.model.Describable<BuildWrapper> {
}
