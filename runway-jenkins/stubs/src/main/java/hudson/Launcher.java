package hudson;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/Launcher.java}. */
public abstract class Launcher {
}
