package hudson;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/EnvVars.java}
 * ({@code public class EnvVars extends TreeMap<String,String>}).
 */
public class EnvVars extends java.util.TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
    }
}
