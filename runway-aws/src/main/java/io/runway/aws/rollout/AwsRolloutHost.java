package io.runway.aws.rollout;

import io.runway.aws.client.AwsClientOptions;
import io.runway.aws.client.AwsClients;
import io.runway.aws.cloudwatch.AlbMetrics;
import io.runway.aws.cloudwatch.TargetHealthSource;
import io.runway.aws.ec2.Ec2Capacity;
import io.runway.aws.ec2.Ec2Deployer;
import io.runway.aws.ec2.Ec2Instance;
import io.runway.aws.ec2.Ec2PoolOptions;
import io.runway.aws.elb.ElbTrafficRouter;
import io.runway.aws.elb.TargetGroups;
import io.runway.core.error.ConflictException;
import io.runway.core.rollout.control.RolloutController;
import io.runway.core.rollout.control.RolloutService;
import io.runway.core.rollout.spec.AwsEc2Spec;
import io.runway.core.store.StateStore;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Rollouts of one service on AWS, wired in one place: the embedded store in {@code stateDir/store}, EC2
 * instances per version ({@link Ec2Deployer}), the ALB router with CloudWatch metrics
 * ({@link ElbTrafficRouter}), and the rollout service on top. The service's main listener is
 * {@code aws.listenerPort}, its blue-green preview listener {@code aws.previewListenerPort}.
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
    private final String service;
    private final String controllerId;
    private final StateStore store;
    private final AwsClients clients;
    private final Ec2Capacity capacity;
    private final TargetGroups groups;
    private final Ec2Deployer deployer;
    private final ElbTrafficRouter router;
    private final RolloutService rollouts;

    /**
     * @param base credentials to start from instead of the spec's profile or the default chain, or null
     * @param deployerOptions how often to poll health and refresh tags; null for the spec's values with
     *     {@link Ec2Deployer.Options#defaults()} timings
     */
    public AwsRolloutHost(Path stateDir, String service, AwsEc2Spec aws, AwsCredentialsProvider base,
                          Ec2Deployer.Options deployerOptions, RolloutController.Listener listener, Duration tick) {
        Clock clock = Clock.systemUTC();
        this.service = service;
        this.controllerId = controllerId(stateDir);
        this.store = EmbeddedStateStore.open(stateDir.resolve("store"));
        this.clients = new AwsClients(clientOptions(aws), base);
        this.capacity = new Ec2Capacity(clients, new Ec2PoolOptions(service, aws.launchTemplate(),
                aws.launchTemplateVersion(), aws.autoScalingGroup(), aws.subnets(), aws.maxInstances(), aws.spot(),
                aws.maxTerminatePercent().doubleValue() / 100, controllerId));
        this.groups = new TargetGroups(clients, aws.vpc(), controllerId);
        Ec2Deployer.Options d = deployerOptions != null ? deployerOptions
                : new Ec2Deployer.Options(aws.instances(), aws.targetPort(), aws.instanceTtl(), Duration.ofSeconds(5),
                        Duration.ofSeconds(10));
        this.deployer = new Ec2Deployer(capacity, groups, new TargetHealthSource(clients.elb()), executor, clock, d);
        this.router = new ElbTrafficRouter(clients.elb(), aws.loadBalancer(), groups,
                new AlbMetrics(clients.cloudWatch(), aws.latencyStatistic()),
                Map.of(service, new ElbTrafficRouter.ListenerBinding(aws.listenerPort(), service),
                        service + "-preview", new ElbTrafficRouter.ListenerBinding(aws.previewListenerPort(), service)),
                aws.stickinessDuration(), controllerId, clock);
        this.rollouts = new RolloutService(store, deployer, router, clock, executor, listener, tick);
        deployer.startHeartbeat();
    }

    static AwsClientOptions clientOptions(AwsEc2Spec aws) {
        AwsClientOptions o = AwsClientOptions.of(aws.region()).withProfile(aws.profile());
        if (aws.roleArn() != null) {
            o = o.withRole(aws.roleArn(), null);
        }
        return aws.endpoint() == null ? o : o.withEndpoint(URI.create(aws.endpoint()));
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
        router.deleteListeners();
        List<Ec2Instance> live;
        while (!(live = capacity.liveInstances()).isEmpty()) {
            capacity.terminate(live.stream().limit(capacity.terminateAllowance()).map(Ec2Instance::id).toList());
        }
        for (String arn : groups.ofService(service)) {
            if (!groups.delete(arn)) {
                throw new ConflictException("target_group_in_use", "target group " + arn
                        + " is still in use by a listener runway did not create; remove that first");
            }
        }
    }

    public String controllerId() {
        return controllerId;
    }

    public RolloutService rollouts() {
        return rollouts;
    }

    public ElbTrafficRouter router() {
        return router;
    }

    public Ec2Deployer deployer() {
        return deployer;
    }

    public Ec2Capacity capacity() {
        return capacity;
    }

    public TargetGroups targetGroups() {
        return groups;
    }

    public AwsClients clients() {
        return clients;
    }

    @Override
    public void close() {
        deployer.close();
        router.close();
        executor.shutdownNow();
        store.close();
        clients.close();
    }
}
