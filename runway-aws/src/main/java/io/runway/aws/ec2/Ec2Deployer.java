package io.runway.aws.ec2;

import io.runway.aws.cloudwatch.TargetHealthSource;
import io.runway.aws.elb.TargetGroups;
import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentFailedException;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.DeploymentState;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.NotFoundException;
import io.runway.core.error.RunwayException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Versions as EC2 instances behind their own target group. A deployment is {@code instances} instances
 * launched from the pool's launch template with the deploy command as user data, tagged with the
 * deployment, owner (lease tag = the rollout id), service, version and expiry, and registered to the
 * version's target group; it is ready when the load balancer reports every target healthy.
 *
 * <p>The tags are the record (intent and side effect are one RunInstances call): the deployment id is
 * {@code owner.version}, so a deploy repeated after a crash adopts the instances already tagged with it
 * instead of launching more, and {@link #deployments()} and {@link #sweep} read AWS rather than a local
 * file. A heartbeat moves {@code runway:expires-at} forward while this host runs.
 */
public final class Ec2Deployer implements Deployer, AutoCloseable {
    /**
     * @param instances instances per version
     * @param targetPort the port instances serve on ({@code ${port}})
     * @param instanceTtl how far ahead the expiry tag reaches; the heartbeat runs every third of it
     * @param pollInterval between target health reads while a version starts
     * @param livenessCacheFor how long one liveness read answers {@link #isRunning} (asked every tick)
     */
    public record Options(int instances, int targetPort, Duration instanceTtl, Duration pollInterval,
                          Duration livenessCacheFor) {
        public static Options defaults() {
            return new Options(1, 8080, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(10));
        }
    }

    private final Ec2Capacity capacity;
    private final TargetGroups groups;
    private final TargetHealthSource health;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Options options;
    private final Map<String, Liveness> liveness = new ConcurrentHashMap<>();
    private ScheduledFuture<?> heartbeat;

    private record Liveness(boolean running, Instant readAt) {}

    public Ec2Deployer(Ec2Capacity capacity, TargetGroups groups, TargetHealthSource health,
                       ScheduledExecutorService executor, Clock clock, Options options) {
        this.capacity = capacity;
        this.groups = groups;
        this.health = health;
        this.executor = executor;
        this.clock = clock;
        this.options = options;
    }

    public static String deploymentId(String ownerId, String version) {
        return ownerId + "." + version;
    }

    @Override
    public CompletableFuture<Deployment> deploy(DeploymentRequest request) {
        CompletableFuture<Deployment> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                Started started = start(request);
                Instant deadline = clock.instant().plus(request.readyTimeout());
                awaitHealthy(request, started, deadline, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private record Started(String id, String targetGroupArn, List<Ec2Instance> instances) {}

    private Started start(DeploymentRequest request) {
        String id = deploymentId(request.ownerId(), request.version());
        String group = groups.ensure(request.service(), request.version(), options.targetPort(), request.readiness().path());
        List<Ec2Instance> have = new ArrayList<>(capacity.liveInstancesTagged(Ec2Tags.DEPLOYMENT, id));
        int missing = options.instances() - have.size();
        if (missing > 0) {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(Ec2Tags.DEPLOYMENT, id);
            tags.put(Ec2Tags.SERVICE, request.service());
            tags.put(Ec2Tags.VERSION, request.version());
            tags.put("Name", "runway " + request.service() + " " + request.version());
            have.addAll(capacity.launch(new Ec2Capacity.LaunchRequest(request.ownerId(), missing,
                    clock.instant().plus(options.instanceTtl()), tags, UserData.script(request, options.targetPort()),
                    null)));
        }
        groups.register(group, have.stream().map(Ec2Instance::id).toList(), options.targetPort());
        return new Started(id, group, have);
    }

    private void awaitHealthy(DeploymentRequest request, Started s, Instant deadline, CompletableFuture<Deployment> result) {
        try {
            TargetHealthSource.Summary h = health.read(s.targetGroupArn());
            if (h.allHealthy()) {
                result.complete(view(s.id(), request.service(), request.version(), request.ownerId(), s.instances()));
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                String why = request.service() + " " + request.version() + " was not healthy within "
                        + request.readyTimeout() + " (target health: " + h + "); its instances are terminated";
                stop(s.id(), s.targetGroupArn(), s.instances());
                result.completeExceptionally(new DeploymentFailedException(why));
                return;
            }
            executor.schedule(() -> awaitHealthy(request, s, deadline, result), options.pollInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    @Override
    public CompletableFuture<Void> undeploy(String deploymentId) {
        return CompletableFuture.runAsync(() -> {
            List<Ec2Instance> instances = capacity.liveInstancesTagged(Ec2Tags.DEPLOYMENT, deploymentId);
            if (instances.isEmpty()) {
                throw new NotFoundException("deploymentId", "no live instances of deployment " + deploymentId);
            }
            Ec2Instance first = instances.get(0);
            String group = groups.find(first.tag(Ec2Tags.SERVICE), first.tag(Ec2Tags.VERSION)).orElse(null);
            stop(deploymentId, group, instances);
        }, executor);
    }

    private void stop(String deploymentId, String group, List<Ec2Instance> instances) {
        List<String> ids = instances.stream().map(Ec2Instance::id).toList();
        capacity.checkTerminate(ids); // refused by the rail: leave the version serving, not half-removed
        if (group != null) {
            groups.deregister(group, ids, options.targetPort());
        }
        capacity.terminate(ids);
        liveness.remove(deploymentId);
        if (group != null) {
            groups.delete(group); // kept (false) while a listener still forwards to it
        }
    }

    @Override
    public boolean isRunning(String deploymentId) {
        Instant now = clock.instant();
        Liveness l = liveness.get(deploymentId);
        if (l != null && now.isBefore(l.readAt().plus(options.livenessCacheFor()))) {
            return l.running();
        }
        boolean running;
        try {
            List<Ec2Instance> instances = capacity.liveInstancesTagged(Ec2Tags.DEPLOYMENT, deploymentId).stream()
                    .filter(i -> i.state().equals("running") || i.state().equals("pending")).toList();
            running = !instances.isEmpty() && groups.find(instances.get(0).tag(Ec2Tags.SERVICE),
                    instances.get(0).tag(Ec2Tags.VERSION)).map(g -> !health.read(g).dead()).orElse(false);
        } catch (RunwayException e) {
            if (e.retryable()) {
                return l == null || l.running(); // AWS busy or unreachable: no news is not a crash
            }
            throw e;
        }
        liveness.put(deploymentId, new Liveness(running, now));
        return running;
    }

    @Override
    public List<Deployment> deployments() {
        Map<String, List<Ec2Instance>> byDeployment = capacity.liveInstances().stream()
                .filter(i -> i.tag(Ec2Tags.DEPLOYMENT) != null)
                .collect(Collectors.groupingBy(i -> i.tag(Ec2Tags.DEPLOYMENT), LinkedHashMap::new, Collectors.toList()));
        List<Deployment> out = new ArrayList<>();
        byDeployment.forEach((id, instances) -> {
            Ec2Instance i = instances.get(0);
            out.add(view(id, i.tag(Ec2Tags.SERVICE), i.tag(Ec2Tags.VERSION), i.tag(Ec2Tags.LEASE), instances));
        });
        return List.copyOf(out);
    }

    /**
     * Stops every deployment of the pool whose owner is not live: at once for those this host launched,
     * and for another host's only once their expiry tag has passed. Each deployment's termination is
     * bounded by the safety rail; a refused one is reported as failed and retried by the next sweep.
     */
    @Override
    public CompletableFuture<SweepReport> sweep(Predicate<String> ownerIsLive) {
        return CompletableFuture.supplyAsync(() -> {
            List<Ec2Instance> live = capacity.liveInstances().stream().filter(i -> i.tag(Ec2Tags.DEPLOYMENT) != null).toList();
            List<Ec2Instance> orphans = OrphanSweeper.orphans(live, ownerIsLive, capacity.options().controllerId(),
                    clock.instant());
            Map<String, List<Ec2Instance>> byDeployment = orphans.stream().collect(Collectors.groupingBy(
                    i -> i.tag(Ec2Tags.DEPLOYMENT), LinkedHashMap::new, Collectors.toList()));
            List<String> removed = new ArrayList<>();
            Map<String, String> failed = new LinkedHashMap<>();
            byDeployment.forEach((id, instances) -> {
                try {
                    Ec2Instance i = instances.get(0);
                    stop(id, groups.find(i.tag(Ec2Tags.SERVICE), i.tag(Ec2Tags.VERSION)).orElse(null), instances);
                    removed.add(id);
                } catch (RunwayException e) {
                    failed.put(id, e.getMessage());
                }
            });
            List<String> kept = live.stream().map(i -> i.tag(Ec2Tags.DEPLOYMENT))
                    .filter(id -> !byDeployment.containsKey(id)).distinct().toList();
            return new SweepReport(removed, kept, failed);
        }, executor);
    }

    /** Starts refreshing the expiry tags of this host's deployments every third of the instance TTL. */
    public synchronized void startHeartbeat() {
        if (heartbeat == null) {
            long every = Math.max(1, options.instanceTtl().toMillis() / 3);
            heartbeat = executor.scheduleWithFixedDelay(this::heartbeatOnce, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** One heartbeat: every owner of a deployment this host launched gets {@code now + instanceTtl}. */
    public int heartbeatOnce() {
        Instant until = clock.instant().plus(options.instanceTtl());
        int refreshed = 0;
        try {
            for (String owner : capacity.liveInstances().stream()
                    .filter(i -> capacity.options().controllerId().equals(i.tag(Ec2Tags.OWNER_CONTROLLER)))
                    .map(i -> i.tag(Ec2Tags.LEASE)).filter(java.util.Objects::nonNull).distinct().toList()) {
                refreshed += capacity.refreshExpiry(owner, until);
            }
        } catch (RunwayException e) {
            // The next heartbeat tries again; the TTL is three heartbeats long.
        }
        return refreshed;
    }

    private Deployment view(String id, String service, String version, String owner, List<Ec2Instance> instances) {
        Ec2Instance first = instances.get(0);
        String host = first.privateIp() != null ? first.privateIp() : first.id() + ".invalid";
        return new Deployment(id, service, version, owner, URI.create("http://" + host + ":" + options.targetPort()),
                0, null, DeploymentState.READY);
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
    }
}
