package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/ModelObject.java}. */
public interface ModelObject {
    String getDisplayName();
}
