package hudson.security;

import org.jvnet.localizer.Localizable;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/security/PermissionGroup.java}. */
public final class PermissionGroup {
    public PermissionGroup(String id, Class owner, Localizable title) {
        throw new UnsupportedOperationException("stub");
    }
}
