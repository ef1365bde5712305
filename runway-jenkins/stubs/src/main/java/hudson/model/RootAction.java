package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/RootAction.java}. */
public interface RootAction extends Action, hudson.ExtensionPoint {
}
