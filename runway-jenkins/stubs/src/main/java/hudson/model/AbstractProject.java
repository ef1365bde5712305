package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/AbstractProject.java}. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends Run<P, R>> extends Job<P, R> {
}
