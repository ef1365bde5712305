package io.runway.jenkins;

import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;
import org.jvnet.localizer.ResourceBundleHolder;

/**
 * The Runway permission group: Lease (take, extend and release leases from the Runway page and API),
 * Rollout (promote and abort rollouts) and Administer (revoke anyone's lease, release any resource).
 * Administer implies the other two; Jenkins' Overall/Administer implies Administer.
 */
public final class RunwayPermissions {
    private static final ResourceBundleHolder BUNDLE = ResourceBundleHolder.get(RunwayPermissions.class);

    public static final PermissionGroup GROUP = new PermissionGroup("runway", RunwayPermissions.class,
            new Localizable(BUNDLE, "group"));
    public static final Permission ADMINISTER = new Permission(GROUP, "Administer",
            new Localizable(BUNDLE, "administer"), Jenkins.ADMINISTER, PermissionScope.JENKINS);
    public static final Permission LEASE = new Permission(GROUP, "Lease",
            new Localizable(BUNDLE, "lease"), ADMINISTER, PermissionScope.JENKINS);
    public static final Permission ROLLOUT = new Permission(GROUP, "Rollout",
            new Localizable(BUNDLE, "rollout"), ADMINISTER, PermissionScope.JENKINS);

    private RunwayPermissions() {}
}
