package io.runway.aws.rollout;

import io.runway.aws.client.AwsClients;
import io.runway.aws.ec2.Ec2Capacity;
import io.runway.aws.ec2.Ec2Deployer;
import io.runway.aws.elb.ElbTrafficRouter;
import io.runway.aws.elb.TargetGroups;
import io.runway.core.rollout.control.RolloutBackends;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutService;
import io.runway.core.rollout.spec.AwsEc2Spec;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Rollouts of one service on AWS, wired in one place for the CLI: the embedded store in {@code stateDir/store},
 * the AWS parts of the service ({@link AwsRolloutBackend}: EC2 instances per version, the ALB router with
 * CloudWatch metrics) on this host's threads, and the rollout service on top. A Jenkins controller builds the
 * same AWS parts on its own store and rollout service instead ({@link AwsRolloutBackends}).
 *
 * <p>Unlike local versions, instances outlive this host: closing it stops ticking and heartbeats and
 * leaves AWS as it is; a new host on the same state directory (same controller id) resumes, and its
 * sweep removes what no live rollout owns. {@link #teardown} removes everything of the service.
 */
public final class AwsRolloutHost implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(3, r -> {
        Thread t = new Thread(r, "runway-aws-rollout");
        t.setDaemon(true);
        return t;
    });
    private final String controllerId;
    private final StateStore store;
    private final AwsRolloutBackend aws;
    private final RolloutService rollouts;

    /**
     * @param base credentials to start from instead of the spec's profile or the default chain, or null
     * @param deployerOptions how often to poll health and refresh tags; null for the spec's values with
     *     {@link Ec2Deployer.Options#defaults()} timings
     */
    public AwsRolloutHost(Path stateDir, String service, AwsEc2Spec aws, AwsCredentialsProvider base,
                          Ec2Deployer.Options deployerOptions, RolloutController.Listener listener, Duration tick) {
        Clock clock = Clock.systemUTC();
        this.controllerId = controllerId(stateDir);
        this.store = EmbeddedStateStore.open(stateDir.resolve("store"));
        try {
            this.aws = new AwsRolloutBackend(service, aws, base, deployerOptions, controllerId, executor, clock);
        } catch (RuntimeException e) {
            store.close();
            executor.shutdownNow();
            throw e;
        }
        RolloutBackends.Backend b = this.aws.backend();
        this.rollouts = new RolloutService(store, "aws-ec2", b.deployer(), b.router(), clock, executor, listener, tick);
    }

    /** This host's identity in {@code runway:owner-controller} tags, kept in the state directory. */
    public static String controllerId(Path stateDir) {
        Path file = stateDir.resolve("controller-id");
        try {
            Files.createDirectories(stateDir);
            if (!Files.exists(file)) {
                Path tmp = stateDir.resolve("controller-id.tmp");
                Files.writeString(tmp, "runway-" + UUID.randomUUID(), StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the controller id in " + file, e);
        }
    }

    /** Resumes (or rolls back, per onRestart) the stored rollouts, then sweeps what no live rollout owns. */
    public List<RolloutController> recover() {
        return rollouts.recover();
    }

    /**
     * Removes everything of the service: its listeners and rules, every instance of its pool (in batches the
     * safety rail allows), and its target groups. For decommissioning and tests; not part of a rollout.
     */
    public void teardown() {
        aws.teardown();
    }

    public String controllerId() {
        return controllerId;
    }

    public RolloutService rollouts() {
        return rollouts;
    }

    public ElbTrafficRouter router() {
        return aws.router();
    }

    public Ec2Deployer deployer() {
        return aws.deployer();
    }

    public Ec2Capacity capacity() {
        return aws.capacity();
    }

    public TargetGroups targetGroups() {
        return aws.targetGroups();
    }

    public AwsClients clients() {
        return aws.clients();
    }

    @Override
    public void close() {
        aws.close();
        executor.shutdownNow();
        store.close();
    }
}
