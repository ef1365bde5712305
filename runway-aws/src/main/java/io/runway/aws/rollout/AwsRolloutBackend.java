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
import io.runway.core.rollout.control.RolloutBackends;
import io.runway.core.rollout.spec.AwsEc2Spec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The AWS parts of one service's rollouts, on threads, clock and controller id a host gives: EC2 instances per
 * version ({@link Ec2Deployer}, its heartbeat started here) and the ALB router with CloudWatch metrics
 * ({@link ElbTrafficRouter}). No store and no rollout service: {@link AwsRolloutHost} (the CLI) puts its own
 * around it, a Jenkins controller its own ({@link AwsRolloutBackends}). The service's main listener is
 * {@code aws.listenerPort}, its blue-green preview listener {@code aws.previewListenerPort}.
 *
 * <p>Closing stops heartbeats and releases clients; instances, target groups and listeners stay for the next
 * host, whose sweep removes what no live rollout owns. {@link #teardown} removes everything of the service.
 */
public final class AwsRolloutBackend implements AutoCloseable {
    private final String service;
    private final AwsClients clients;
    private final Ec2Capacity capacity;
    private final TargetGroups groups;
    private final Ec2Deployer deployer;
    private final ElbTrafficRouter router;

    /**
     * @param base credentials to start from instead of the spec's profile or the default chain, or null
     * @param deployerOptions how often to poll health and refresh tags; null for the spec's values with
     *     default timings
     * @param controllerId the host's identity in {@code runway:owner-controller} tags
     */
    public AwsRolloutBackend(String service, AwsEc2Spec aws, AwsCredentialsProvider base,
                             Ec2Deployer.Options deployerOptions, String controllerId,
                             ScheduledExecutorService executor, Clock clock) {
        this.service = service;
        this.clients = new AwsClients(clientOptions(aws), base);
        try {
            this.capacity = new Ec2Capacity(clients, new Ec2PoolOptions(service, aws.launchTemplate(),
                    aws.launchTemplateVersion(), aws.autoScalingGroup(), aws.subnets(), aws.maxInstances(), aws.spot(),
                    aws.maxTerminatePercent().doubleValue() / 100, controllerId));
            this.groups = new TargetGroups(clients, aws.vpc(), controllerId);
            Ec2Deployer.Options d = deployerOptions != null ? deployerOptions
                    : new Ec2Deployer.Options(aws.instances(), aws.targetPort(), aws.instanceTtl(),
                            Duration.ofSeconds(5), Duration.ofSeconds(10));
            this.deployer = new Ec2Deployer(capacity, groups, new TargetHealthSource(clients.elb()), executor, clock, d);
            this.router = new ElbTrafficRouter(clients.elb(), aws.loadBalancer(), groups,
                    new AlbMetrics(clients.cloudWatch(), aws.latencyStatistic()),
                    Map.of(service, new ElbTrafficRouter.ListenerBinding(aws.listenerPort(), service),
                            service + "-preview", new ElbTrafficRouter.ListenerBinding(aws.previewListenerPort(), service)),
                    aws.stickinessDuration(), controllerId, clock);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
        deployer.startHeartbeat();
    }

    static AwsClientOptions clientOptions(AwsEc2Spec aws) {
        AwsClientOptions o = AwsClientOptions.of(aws.region()).withProfile(aws.profile());
        if (aws.roleArn() != null) {
            o = o.withRole(aws.roleArn(), null);
        }
        return aws.endpoint() == null ? o : o.withEndpoint(URI.create(aws.endpoint()));
    }

    /** The deployer and router a rollout of this service runs on. */
    public RolloutBackends.Backend backend() {
        return new RolloutBackends.Backend(deployer, router);
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

    public String service() {
        return service;
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

    /** Stops the heartbeat and the router's work and releases the clients; what AWS holds stays. */
    @Override
    public void close() {
        deployer.close();
        router.close();
        clients.close();
    }
}
