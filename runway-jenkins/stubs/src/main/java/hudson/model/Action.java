package hudson.model;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/Action.java}. */
public interface Action extends ModelObject {
    String getIconFileName();

    String getUrlName();
}
