package hudson.security;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/security/AccessControlled.java}
 * (there {@code checkPermission} throws Spring Security's unchecked {@code AccessDeniedException}).
 */
public interface AccessControlled {
    default void checkPermission(Permission p) {
        throw new UnsupportedOperationException("stub");
    }

    default boolean hasPermission(Permission p) {
        throw new UnsupportedOperationException("stub");
    }
}
