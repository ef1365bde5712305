package io.runway.jenkins.host;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.runway.core.rollout.control.RolloutBackends;
import java.util.List;
import java.util.Set;

/**
 * Rollout back-ends another plugin contributes for rollout specs' {@code provider:} values it knows
 * ({@code provider: aws-ec2} from the runway-aws plugin: EC2 instances per version behind an ALB). The
 * {@code runway} plugin itself runs only {@code local} rollouts; a spec naming a provider no installed
 * contribution serves is refused by the {@code rollout} step, naming the field and the plugin to install.
 * Register a subclass with {@code @Extension}; the host opens every contribution when it opens, runs their
 * rollouts on its own store, rollout service and threads (so promote, abort, the list and restarts treat
 * them as any rollout), and closes what they opened with the host.
 */
public abstract class RolloutProviderContribution implements ExtensionPoint {
    /** The {@code provider:} values of rollout specs this contribution serves, e.g. {@code aws-ec2}. */
    public abstract Set<String> providers();

    /**
     * Opens the back-ends for one host, before its rollouts are resumed. Cheap: a back-end should connect to
     * its cloud only when a rollout asks {@link RolloutBackends#backend} for it; a problem of configuration is
     * then thrown as a {@code RunwayException} naming the field, and that rollout does not start.
     */
    public abstract Backends open(CapacityContribution.Context context);

    /** What a contribution opened for one host; closed with the host (what the cloud holds stays). */
    public interface Backends extends RolloutBackends, AutoCloseable {
        @Override
        void close();
    }

    /** The installed contributions, highest ordinal first. */
    public static List<RolloutProviderContribution> all() {
        return ExtensionList.lookup(RolloutProviderContribution.class);
    }
}
