package hudson.tasks;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/tasks/BuildStep.java}. */
public interface BuildStep {
}
