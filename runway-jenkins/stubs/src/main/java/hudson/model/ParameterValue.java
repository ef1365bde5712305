package hudson.model;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/model/ParameterValue.java}
 * ({@code public abstract class ParameterValue implements Serializable}).
 */
public abstract class ParameterValue implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
}
