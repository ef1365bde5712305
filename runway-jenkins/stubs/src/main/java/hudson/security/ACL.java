package hudson.security;

import org.springframework.security.core.Authentication;

/**
 * Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/security/ACL.java}
 * ({@code public abstract class ACL}; only the {@code SYSTEM2} constant, {@code @since 2.266}, here).
 */
public abstract class ACL {
    /** Upstream: {@code public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken(SYSTEM_USERNAME, "SYSTEM")}. */
    public static final Authentication SYSTEM2 = null;
}
