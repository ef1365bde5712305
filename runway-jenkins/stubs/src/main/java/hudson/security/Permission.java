package hudson.security;

import org.jvnet.localizer.Localizable;

/** Compile-only stub. Upstream: org.jenkins-ci.main:jenkins-core (jenkinsci/jenkins), {@code core/src/main/java/hudson/security/Permission.java}. */
public final class Permission {
    public Permission(PermissionGroup group, String name, Localizable description, Permission impliedBy,
                      PermissionScope scope) {
        throw new UnsupportedOperationException("stub");
    }
}
