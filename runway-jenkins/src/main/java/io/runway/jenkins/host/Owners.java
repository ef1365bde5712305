package io.runway.jenkins.host;

/**
 * Owner names of leases and rollouts taken inside Jenkins: {@code build:<job full name>#<number>} for a
 * build (the Jenkins externalizable id, so the owner can be looked up again after a restart) and
 * {@code user:<id>} for a person leasing from the Runway page.
 */
public final class Owners {
    public static final String BUILD = "build:";
    public static final String USER = "user:";

    private Owners() {}

    public static String build(String externalizableId) {
        return BUILD + externalizableId;
    }

    public static String user(String userId) {
        return USER + (userId == null ? "anonymous" : userId);
    }

    public static boolean isBuild(String owner) {
        return owner != null && owner.startsWith(BUILD);
    }

    /** The build's externalizable id, or null when {@code owner} is not a build. */
    public static String buildId(String owner) {
        return isBuild(owner) ? owner.substring(BUILD.length()) : null;
    }
}
