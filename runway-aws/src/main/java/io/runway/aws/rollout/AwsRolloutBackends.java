package io.runway.aws.rollout;

import io.runway.aws.ec2.Ec2Deployer;
import io.runway.core.deploy.Deployer;
import io.runway.core.error.InvalidInputException;
import io.runway.core.rollout.control.RolloutBackends;
import io.runway.core.rollout.spec.AwsEc2Spec;
import io.runway.core.rollout.spec.RolloutSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The {@code provider: aws-ec2} rollouts of a host that runs them on its own store and rollout service (a
 * Jenkins controller): one {@link AwsRolloutBackend} per service and {@code aws:} section, opened on the first
 * rollout (or resumed rollout) that needs it and kept until {@link #close}, all on the host's threads and clock.
 * Instances are tagged with the controller id kept in {@code stateDir/controller-id}, the same id the host's
 * aws-ec2 pools use.
 */
public final class AwsRolloutBackends implements RolloutBackends, AutoCloseable {
    /** The spec's {@code provider:} value these back-ends serve. */
    public static final String PROVIDER = "aws-ec2";

    private record Key(String service, AwsEc2Spec aws) {
    }

    private final Supplier<AwsCredentialsProvider> base;
    private final Ec2Deployer.Options deployerOptions;
    private final String controllerId;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Map<Key, AwsRolloutBackend> open = new LinkedHashMap<>();
    private boolean closed;

    /**
     * @param base the credentials every back-end starts from (asked when one opens; null from it: each spec's
     *     profile or the default chain); it may throw a {@code RunwayException} naming the setting
     * @param deployerOptions health and tag timings, or null for each spec's values with default timings
     */
    public AwsRolloutBackends(Path stateDir, Supplier<AwsCredentialsProvider> base, Ec2Deployer.Options deployerOptions,
                              ScheduledExecutorService executor, Clock clock) {
        this.base = base;
        this.deployerOptions = deployerOptions;
        this.controllerId = AwsRolloutHost.controllerId(stateDir);
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public synchronized Backend backend(RolloutSpec spec) {
        return opened(spec).backend();
    }

    /** The AWS parts of {@code spec}'s service and {@code aws:} section, opened if not yet. */
    public synchronized AwsRolloutBackend opened(RolloutSpec spec) {
        if (!PROVIDER.equals(spec.provider()) || spec.aws() == null) {
            throw new InvalidInputException("provider", "rollout of service '" + spec.service()
                    + "' uses provider '" + spec.provider() + "'; these back-ends serve aws-ec2 rollouts only");
        }
        if (closed) {
            throw new IllegalStateException("the aws-ec2 rollout back-ends are closed");
        }
        Key key = new Key(spec.service(), spec.aws());
        AwsRolloutBackend b = open.get(key);
        if (b == null) {
            b = new AwsRolloutBackend(spec.service(), spec.aws(), base.get(), deployerOptions, controllerId, executor,
                    clock);
            open.put(key, b);
        }
        return b;
    }

    @Override
    public synchronized List<Deployer> deployers() {
        List<Deployer> out = new ArrayList<>();
        open.values().forEach(b -> out.add(b.deployer()));
        return out;
    }

    public String controllerId() {
        return controllerId;
    }

    /** Stops heartbeats and releases clients of every opened back-end; what AWS holds stays for the next host. */
    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException failure = null;
        for (AwsRolloutBackend b : open.values()) {
            try {
                b.close();
            } catch (RuntimeException e) {
                // One back-end's failure must not keep the others' clients open; it is reported after them all.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
