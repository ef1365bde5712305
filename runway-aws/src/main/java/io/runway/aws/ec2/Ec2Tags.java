package io.runway.aws.ec2;

/**
 * The tags runway puts on what it launches. They are the janitor's source of truth: an instance whose
 * {@link #LEASE} names no live lease (or rollout) and whose {@link #EXPIRES_AT} has passed is an orphan.
 */
public final class Ec2Tags {
    /** The pool the instance belongs to (for rollouts: the service). */
    public static final String POOL = "runway:pool";
    /** The lease, or the rollout, that owns the instance. */
    public static final String LEASE = "runway:lease";
    /** ISO-8601 instant after which the instance is an orphan unless its owner refreshed this tag. */
    public static final String EXPIRES_AT = "runway:expires-at";
    /** The runway controller (host) that launched it and refreshes its expiry. */
    public static final String OWNER_CONTROLLER = "runway:owner-controller";
    /** For rollouts: the deployment the instance serves (one deployment = a version's instances). */
    public static final String DEPLOYMENT = "runway:deployment";
    public static final String SERVICE = "runway:service";
    /** On instances of an aws-ec2 pool: the runway resource id the instance is ({@code <pool>-s<n>}). */
    public static final String RESOURCE = "runway:resource";
    public static final String VERSION = "runway:version";

    private Ec2Tags() {}
}
