package io.runway.aws.ec2;

import io.runway.aws.rollout.AwsRolloutHost;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The aws-ec2 pools of one host, with their lifecycle in one place: the {@link Ec2CapacityProvider} (opened
 * before the lease engine, which needs it), its {@link Ec2PoolJanitor} (heartbeat and orphan sweep, started
 * once the engine runs, on the host's scheduler, stopped before the engine stops), and closing the clients
 * after. Instances outlive the host: the next host's engine knows their resources from the store. What a
 * host that embeds Runway (the Jenkins plugin) uses instead of wiring provider and janitor itself.
 */
public final class Ec2Pools implements AutoCloseable {
    private final Ec2CapacityProvider provider;
    private final Duration interval;
    private final Consumer<String> log;
    private Ec2PoolJanitor janitor;

    private Ec2Pools(Ec2CapacityProvider provider, Duration interval, Consumer<String> log) {
        this.provider = provider;
        this.interval = interval;
        this.log = log;
    }

    /**
     * The provider for every {@code provider: aws-ec2} pool of {@code config} (a validated config); its
     * instances are tagged with this host's controller id, kept in {@code stateDir/controller-id}.
     *
     * @param base credentials every pool starts from instead of its {@code profile} or the default chain (a
     *     pool's {@code roleArn} is still assumed on top), or null
     */
    public static Ec2Pools open(PoolsConfig config, Path stateDir, AwsCredentialsProvider base, Clock clock,
                                Consumer<String> log) {
        Ec2CapacityProvider provider = Ec2CapacityProvider.forConfig(config, AwsRolloutHost.controllerId(stateDir),
                base, clock);
        return new Ec2Pools(provider, Ec2PoolJanitor.interval(config), log);
    }

    public Ec2CapacityProvider provider() {
        return provider;
    }

    /** How often the janitor runs: a third of the shortest instanceTtl, so expiry tags never lapse. */
    public Duration interval() {
        return interval;
    }

    /** Starts the janitor on {@code scheduler}, its first round at once (orphans of a crash go first). */
    public synchronized void start(LeaseEngine engine, ScheduledExecutorService scheduler) {
        if (janitor != null) {
            throw new IllegalStateException("the aws-ec2 janitor is already started");
        }
        janitor = new Ec2PoolJanitor(provider, engine, log).start(scheduler, interval);
    }

    /** The running janitor (one round can be asked of it), or null before {@link #start}. */
    public synchronized Ec2PoolJanitor janitor() {
        return janitor;
    }

    /** Stops the janitor; the provider keeps serving until {@link #close}. */
    public synchronized void stop() {
        if (janitor != null) {
            janitor.close();
        }
    }

    /** Stops the janitor and closes the clients and threads; instances stay. */
    @Override
    public void close() {
        stop();
        provider.close();
    }
}
