package io.runway.aws.ec2;

import io.runway.aws.client.AwsClients;
import io.runway.aws.client.AwsErrors;
import io.runway.core.error.ConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The instances of one EC2-backed pool: launch with tags (within the pool's cap, Spot first when asked),
 * list (paginated), refresh expiry tags (heartbeat) and terminate (within the safety rail). Every
 * instance carries {@link Ec2Tags} so that a sweep can find what no live owner holds. This is the
 * capacity half of the AWS provider; deployments and leases build on it.
 */
public final class Ec2Capacity {
    private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped");

    private final AwsClients clients;
    private final Ec2PoolOptions options;
    private final SafetyRail rail;
    private volatile LaunchSource source;
    private int nextSubnet;

    public Ec2Capacity(AwsClients clients, Ec2PoolOptions options) {
        this.clients = clients;
        this.options = options;
        this.rail = new SafetyRail(options.maxTerminateShare());
    }

    public Ec2PoolOptions options() {
        return options;
    }

    /** What to launch: count instances for an owner, with extra tags and optional user data. */
    public record LaunchRequest(String leaseId, int count, Instant expiresAt, Map<String, String> extraTags,
                                String userData, String clientToken) {
        public LaunchRequest {
            extraTags = Map.copyOf(extraTags);
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
        }
    }

    /**
     * Launches instances and waits until they run. Refused with a {@link ConflictException} when the pool
     * would exceed its cap. Launched instances are tagged in the same call (never untagged for a moment).
     */
    public List<Ec2Instance> launch(LaunchRequest request) {
        // Only the cap check and RunInstances hold the lock: pending instances count as live for the next
        // caller's cap check, so launches of one pool need not wait for each other's instances to boot.
        List<String> ids = start(request);
        awaitRunning(ids);
        return instances(ids);
    }

    private synchronized List<String> start(LaunchRequest request) {
        int live = liveInstances().size();
        if (live + request.count() > options.maxInstances()) {
            throw new ConflictException("pool_cap", "pool " + options.pool() + " has " + live + " live instances;"
                    + " launching " + request.count() + " more would exceed its cap of " + options.maxInstances());
        }
        LaunchSource src = source();
        List<String> subnets = src.subnets();
        Map<String, Integer> perSubnet = new LinkedHashMap<>();
        for (int i = 0; i < request.count(); i++) {
            String subnet = subnets.isEmpty() ? "" : subnets.get(nextSubnet++ % subnets.size());
            perSubnet.merge(subnet, 1, Integer::sum);
        }
        List<String> ids = new ArrayList<>();
        int batch = 0;
        for (Map.Entry<String, Integer> e : perSubnet.entrySet()) {
            String token = request.clientToken() == null ? null : request.clientToken() + "-" + batch++;
            ids.addAll(runInstances(src, e.getKey(), e.getValue(), request, token));
        }
        return ids;
    }

    private List<String> runInstances(LaunchSource src, String subnet, int count, LaunchRequest request, String token) {
        String resource = "pool " + options.pool() + " (" + src.describe() + ")";
        if (options.spot()) {
            try {
                return run(src, subnet, count, request, token, true);
            } catch (AwsServiceException e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (!SpotFallback.fallsBack(code)) {
                    throw AwsErrors.translate("RunInstances", resource, e);
                }
                // No Spot capacity now: on-demand instead, under a different token (the first one is spent).
            } catch (SdkException e) {
                throw AwsErrors.translate("RunInstances", resource, e);
            }
            return AwsErrors.call("RunInstances", resource,
                    () -> run(src, subnet, count, request, token == null ? null : token + "-od", false));
        }
        return AwsErrors.call("RunInstances", resource, () -> run(src, subnet, count, request, token, false));
    }

    private List<String> run(LaunchSource src, String subnet, int count, LaunchRequest request, String token, boolean spot) {
        List<Tag> tags = new ArrayList<>();
        tags.add(tag(Ec2Tags.POOL, options.pool()));
        tags.add(tag(Ec2Tags.LEASE, request.leaseId()));
        tags.add(tag(Ec2Tags.EXPIRES_AT, request.expiresAt().toString()));
        tags.add(tag(Ec2Tags.OWNER_CONTROLLER, options.controllerId()));
        request.extraTags().forEach((k, v) -> tags.add(tag(k, v)));
        RunInstancesRequest.Builder b = RunInstancesRequest.builder().minCount(count).maxCount(count)
                .launchTemplate(src.template())
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build());
        if (!subnet.isEmpty()) {
            b.subnetId(subnet);
        }
        if (request.userData() != null) {
            b.userData(Base64.getEncoder().encodeToString(request.userData().getBytes(StandardCharsets.UTF_8)));
        }
        if (token != null) {
            b.clientToken(token);
        }
        if (spot) {
            b.instanceMarketOptions(m -> m.marketType(MarketType.SPOT));
        }
        return ec2().runInstances(b.build()).instances().stream().map(Instance::instanceId).toList();
    }

    private void awaitRunning(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        AwsErrors.run("DescribeInstances (wait until running)", "instances " + ids, () -> ec2().waiter()
                .waitUntilInstanceRunning(r -> r.instanceIds(ids), w -> w.maxAttempts(40).backoffStrategyV2(
                        software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofSeconds(2)))));
    }

    /** The pool's instances that are not terminated (or terminating), across every page. */
    public List<Ec2Instance> liveInstances() {
        return describe(List.of(filter("tag:" + Ec2Tags.POOL, options.pool()),
                Filter.builder().name("instance-state-name").values(LIVE_STATES).build()));
    }

    /** Live instances of the pool carrying {@code tag=value}. */
    public List<Ec2Instance> liveInstancesTagged(String tag, String value) {
        return describe(List.of(filter("tag:" + Ec2Tags.POOL, options.pool()), filter("tag:" + tag, value),
                Filter.builder().name("instance-state-name").values(LIVE_STATES).build()));
    }

    public List<Ec2Instance> instances(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return AwsErrors.call("DescribeInstances", "instances " + ids, () -> ec2().describeInstancesPaginator(
                r -> r.instanceIds(ids)).reservations().stream().flatMap(res -> res.instances().stream())
                .map(Ec2Capacity::view).toList());
    }

    private List<Ec2Instance> describe(List<Filter> filters) {
        return AwsErrors.call("DescribeInstances", "pool " + options.pool(), () -> ec2().describeInstancesPaginator(
                r -> r.filters(filters).maxResults(500)).reservations().stream()
                .flatMap(res -> res.instances().stream()).map(Ec2Capacity::view).toList());
    }

    /** Heartbeat: moves {@link Ec2Tags#EXPIRES_AT} of the owner's live instances to {@code expiresAt}. */
    public int refreshExpiry(String leaseId, Instant expiresAt) {
        List<String> ids = liveInstancesTagged(Ec2Tags.LEASE, leaseId).stream().map(Ec2Instance::id).toList();
        if (!ids.isEmpty()) {
            AwsErrors.run("CreateTags", "instances of " + leaseId, () -> ec2().createTags(
                    r -> r.resources(ids).tags(tag(Ec2Tags.EXPIRES_AT, expiresAt.toString()))));
        }
        return ids.size();
    }

    /** Heartbeat for instances by id: moves their {@link Ec2Tags#EXPIRES_AT} to {@code expiresAt} in one call. */
    public void refreshExpiryOf(Collection<String> ids, Instant expiresAt) {
        if (!ids.isEmpty()) {
            List<String> list = List.copyOf(ids);
            AwsErrors.run("CreateTags", "instances " + list + " of pool " + options.pool(), () -> ec2().createTags(
                    r -> r.resources(list).tags(tag(Ec2Tags.EXPIRES_AT, expiresAt.toString()))));
        }
    }

    /**
     * Terminates instances of this pool. Refused as a whole (nothing terminated) when they are more than the
     * safety rail allows of the pool's live instances, or when one of them is not in this pool.
     */
    public synchronized void terminate(Collection<String> ids) {
        List<String> toTerminate = checkTerminate(ids);
        if (!toTerminate.isEmpty()) {
            AwsErrors.run("TerminateInstances", "instances " + toTerminate + " of pool " + options.pool(),
                    () -> ec2().terminateInstances(r -> r.instanceIds(toTerminate)));
        }
    }

    /**
     * The checks of {@link #terminate} without terminating: throws what it would throw, else returns the
     * live ones among {@code ids}. Lets a caller refuse before a first step (deregistering) it cannot undo.
     */
    public synchronized List<String> checkTerminate(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Ec2Instance> live = liveInstances();
        Map<String, Ec2Instance> byId = new HashMap<>();
        live.forEach(i -> byId.put(i.id(), i));
        List<String> toTerminate = ids.stream().filter(byId::containsKey).distinct().toList();
        List<String> foreign = ids.stream().filter(id -> !byId.containsKey(id)).toList();
        List<String> stillThere = foreign.isEmpty() ? List.of()
                : instances(foreign).stream().filter(Ec2Instance::isLive).map(Ec2Instance::id).toList();
        if (!stillThere.isEmpty()) {
            throw new ConflictException("not_in_pool", "instances " + stillThere + " are not in pool " + options.pool()
                    + "; runway terminates only what it launched");
        }
        rail.check(options.pool(), toTerminate.size(), live.size());
        return toTerminate;
    }

    /** How many of the pool's live instances one call may terminate now. */
    public int terminateAllowance() {
        return rail.allowance(liveInstances().size());
    }

    private LaunchSource source() {
        LaunchSource s = source;
        if (s == null) {
            s = LaunchSource.resolve(options, options.autoScalingGroup() == null ? null : clients.autoScaling());
            source = s;
        }
        return s;
    }

    private Ec2Client ec2() {
        return clients.ec2();
    }

    static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    static Ec2Instance view(Instance i) {
        Map<String, String> tags = new HashMap<>();
        i.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new Ec2Instance(i.instanceId(), i.state() == null ? "unknown" : i.state().nameAsString(),
                i.privateIpAddress(), i.instanceLifecycle() == InstanceLifecycleType.SPOT, i.launchTime(), tags);
    }
}
