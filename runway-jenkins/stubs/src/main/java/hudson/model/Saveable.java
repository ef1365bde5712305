package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Saveable.java}. */
public interface Saveable {
    void save() throws java.io.IOException;
}
