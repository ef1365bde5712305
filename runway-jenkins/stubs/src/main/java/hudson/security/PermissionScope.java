package hudson.security;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/security/PermissionScope.java}. */
public final class PermissionScope {
    public static final PermissionScope JENKINS = new PermissionScope();

    private PermissionScope() {
    }
}
