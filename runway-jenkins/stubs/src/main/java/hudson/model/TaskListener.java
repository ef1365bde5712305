package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/TaskListener.java}
 * (there extends remoting's {@code SerializableOnlyOverRemoting}, a {@code Serializable}).
 */
public interface TaskListener extends java.io.Serializable {
    java.io.PrintStream getLogger();
}
