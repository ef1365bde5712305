package jenkins.model;

import hudson.security.Permission;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/jenkins/model/Jenkins.java}
 * (a much larger class hierarchy; only what the plugin calls is here).
 */
public class Jenkins implements hudson.security.AccessControlled {
    public static final Permission ADMINISTER = null;
    public static final Permission READ = null;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("stub");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("stub");
    }
}
