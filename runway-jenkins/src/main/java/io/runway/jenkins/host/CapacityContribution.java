package io.runway.jenkins.host;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Lease providers another plugin contributes for pool kinds it knows ({@code provider: aws-ec2} from the
 * runway-aws plugin). The {@code runway} plugin itself serves only {@code static} pools; a pool naming a
 * provider no installed contribution serves is refused when the pools are saved, naming the plugin to
 * install. Register a subclass with {@code @Extension}; the host asks the contributions when it opens (only
 * those serving a provider some pool names) and closes what they opened with the host.
 */
public abstract class CapacityContribution implements ExtensionPoint {
    /** The {@code provider:} values of pools this contribution serves, e.g. {@code aws-ec2}. */
    public abstract Set<String> providers();

    /**
     * Opens the providers for the pools of {@code pools} that name one of {@link #providers()}. Runs before the
     * lease engine starts; a problem of configuration is thrown as a {@code RunwayException} naming the field,
     * and the host does not open.
     */
    public abstract Capacity open(PoolsConfig pools, Context context);

    /** What a contribution gets from the host: its state directory, clock, threads and log. */
    public record Context(Path stateDir, Clock clock, ScheduledExecutorService executor, Consumer<String> log) {}

    /**
     * What a contribution opened for one host: its providers by name, told when the engine runs (to start
     * background work such as orphan sweeps on the host's threads) and when it stops, and closed with the host.
     */
    public interface Capacity extends AutoCloseable {
        /** The providers, keyed by the pools' {@code provider:} value. */
        Map<String, Provider> providers();

        /** The lease engine runs (it already knows every stored resource). */
        default void engineStarted(LeaseEngine engine, ScheduledExecutorService executor) {
        }

        /** The engine is about to stop: end background work that asks it. */
        default void engineStopping() {
        }

        /** After the engine stopped: release clients and threads (what was provisioned stays). */
        @Override
        void close();
    }

    /** The installed contributions, highest ordinal first. */
    public static List<CapacityContribution> all() {
        return ExtensionList.lookup(CapacityContribution.class);
    }
}
