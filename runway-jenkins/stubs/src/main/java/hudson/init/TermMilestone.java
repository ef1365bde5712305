package hudson.init;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/init/TermMilestone.java}. */
public enum TermMilestone {
    STARTED, COMPLETED
}
