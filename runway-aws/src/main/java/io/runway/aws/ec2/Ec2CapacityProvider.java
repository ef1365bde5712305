package io.runway.aws.ec2;

import io.runway.aws.client.AwsClientOptions;
import io.runway.aws.client.AwsClients;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.NotFoundException;
import io.runway.core.pool.AwsEc2PoolSpec;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.provider.Provider;
import io.runway.core.resource.ResourceView;
import io.runway.core.spec.PoolsConfigValidator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The {@code aws-ec2} provider of lease pools: each provisioned resource is one EC2 instance launched from
 * the pool's launch template (or Auto Scaling group's template) and tagged {@code runway:pool},
 * {@code runway:resource} (the resource id), {@code runway:lease} (also the resource id: the instance lives
 * as long as its resource, whatever leases come and go on it), {@code runway:expires-at} and
 * {@code runway:owner-controller}. The engine records the PROVISIONING resource before it calls
 * {@link #provision}, so every instance launched here belongs to a durable resource id.
 *
 * <p>Idempotent by resource id, through the tags: provisioning a resource that already has a live instance
 * launches nothing (a restart re-provisioning PROVISIONING resources finds the instance the first call made),
 * and the RunInstances ClientToken is derived from the controller and the resource id; deprovisioning
 * terminates the resource's instances, if any, through the pool's {@link SafetyRail}. Work runs on the
 * provider's own threads, never the engine's. {@link #sweep} and {@link #heartbeat} are run periodically by
 * {@link Ec2PoolJanitor}.
 */
public final class Ec2CapacityProvider implements Provider, CapacityProvider, AutoCloseable {
    public static final String NAME = PoolsConfigValidator.AWS_EC2;
    /** Attributes reported for each provisioned resource. */
    public static final String INSTANCE_ID = "instanceId";
    public static final String PRIVATE_IP = "privateIp";
    public static final String SPOT = "spot";

    /** One aws-ec2 pool: its clients, its instances, how far its expiry tags reach. */
    record Pool(AwsClients clients, Ec2Capacity capacity, OrphanSweeper sweeper, Duration instanceTtl) {}

    private final Map<String, Pool> pools;
    private final Clock clock;
    private final String controllerId;
    private final ExecutorService work = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "runway-aws-ec2-provider");
        t.setDaemon(true);
        return t;
    });

    private Ec2CapacityProvider(Map<String, Pool> pools, Clock clock, String controllerId) {
        this.pools = pools;
        this.clock = clock;
        this.controllerId = controllerId;
    }

    /**
     * The provider for every {@code provider: aws-ec2} pool of {@code config} (a validated config).
     *
     * @param controllerId this runway host, written to {@code runway:owner-controller}
     * @param base credentials to start from instead of each pool's profile or the default chain, or null
     */
    public static Ec2CapacityProvider forConfig(PoolsConfig config, String controllerId, AwsCredentialsProvider base,
                                                Clock clock) {
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (PoolSpec spec : config.pools()) {
            if (!NAME.equals(spec.provider()) || spec.aws() == null) {
                continue;
            }
            AwsEc2PoolSpec aws = spec.aws();
            AwsClients clients = new AwsClients(clientOptions(aws), base);
            Ec2Capacity capacity = new Ec2Capacity(clients, new Ec2PoolOptions(spec.name(), aws.launchTemplate(),
                    aws.launchTemplateVersion(), aws.autoScalingGroup(), aws.subnets(), Math.max(1, spec.maxResources()),
                    aws.spot(), aws.maxTerminatePercent().doubleValue() / 100, controllerId));
            pools.put(spec.name(), new Pool(clients, capacity, new OrphanSweeper(capacity), aws.instanceTtl()));
        }
        return new Ec2CapacityProvider(Map.copyOf(pools), clock, controllerId);
    }

    static AwsClientOptions clientOptions(AwsEc2PoolSpec aws) {
        AwsClientOptions o = AwsClientOptions.of(aws.region()).withProfile(aws.profile());
        if (aws.roleArn() != null) {
            o = o.withRole(aws.roleArn(), null);
        }
        return aws.endpoint() == null ? o : o.withEndpoint(URI.create(aws.endpoint()));
    }

    /** Whether {@code config} has a pool this provider serves. */
    public static boolean needed(PoolsConfig config) {
        return config.pools().stream().anyMatch(p -> NAME.equals(p.provider()));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Instances are used as they are between leases (no cleanup step); make them fresh by scaling down. */
    @Override
    public boolean cleansResources() {
        return false;
    }

    @Override
    public CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> provision(ResourceView resource) {
        return provisionWithFacts(resource).thenApply(facts -> null);
    }

    /**
     * Launches the resource's instance (or finds the one an earlier call launched) and reports it:
     * {@value #INSTANCE_ID}, {@value #PRIVATE_IP} and {@value #SPOT} become attributes of the resource, so a
     * lease on it says which machine it got.
     */
    @Override
    public CompletableFuture<Map<String, Object>> provisionWithFacts(ResourceView resource) {
        return CompletableFuture.supplyAsync(() -> {
            Pool pool = pool(resource.pool());
            List<Ec2Instance> live = pool.capacity().liveInstancesTagged(Ec2Tags.RESOURCE, resource.id());
            if (live.isEmpty()) { // otherwise launched by an earlier call (before a restart): not again
                live = pool.capacity().launch(new Ec2Capacity.LaunchRequest(resource.id(), 1,
                        clock.instant().plus(pool.instanceTtl()), Map.of(Ec2Tags.RESOURCE, resource.id()), null,
                        clientToken(resource.id())));
            }
            return live.isEmpty() ? Map.<String, Object>of() : facts(live.get(0));
        }, work);
    }

    /** What a lease on the resource needs to know about its instance. */
    static Map<String, Object> facts(Ec2Instance instance) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(INSTANCE_ID, instance.id());
        if (instance.privateIp() != null) {
            facts.put(PRIVATE_IP, instance.privateIp());
        }
        facts.put(SPOT, instance.spot());
        return facts;
    }

    @Override
    public CompletableFuture<Void> deprovision(ResourceView resource) {
        return CompletableFuture.runAsync(() -> {
            Pool pool = pool(resource.pool());
            List<String> ids = pool.capacity().liveInstancesTagged(Ec2Tags.RESOURCE, resource.id()).stream()
                    .map(Ec2Instance::id).toList();
            pool.capacity().terminate(ids); // nothing live: already gone, which is success
        }, work);
    }

    /** The live instance of a resource, if it has one (its id and private IP address). */
    public Optional<Ec2Instance> instance(String pool, String resourceId) {
        return pool(pool).capacity().liveInstancesTagged(Ec2Tags.RESOURCE, resourceId).stream().findFirst();
    }

    /** The pools this provider serves. */
    public List<String> pools() {
        return List.copyOf(pools.keySet());
    }

    /** The instances of one pool (tests, diagnostics). */
    public Ec2Capacity capacity(String pool) {
        return pool(pool).capacity();
    }

    /**
     * Heartbeat: moves {@code runway:expires-at} of every instance whose resource is live forward by the
     * pool's instanceTtl, so another controller's sweep never takes them. Returns how many were refreshed.
     */
    public int heartbeat(Predicate<String> resourceIsLive) {
        int n = 0;
        for (Pool pool : pools.values()) {
            List<String> ids = new ArrayList<>();
            for (Ec2Instance i : pool.capacity().liveInstances()) {
                String resource = i.tag(Ec2Tags.LEASE);
                if (resource != null && resourceIsLive.test(resource)) {
                    ids.add(i.id());
                }
            }
            pool.capacity().refreshExpiryOf(ids, clock.instant().plus(pool.instanceTtl()));
            n += ids.size();
        }
        return n;
    }

    /**
     * Terminates, in every pool, tagged instances whose resource is not live (unknown to the engine or
     * RETIRED), each pool's sweep bounded by its safety rail; what the rail holds back is reported as failed
     * and taken by the next sweep.
     */
    public Map<String, SweepReport> sweep(Predicate<String> resourceIsLive) {
        Map<String, SweepReport> out = new LinkedHashMap<>();
        pools.forEach((name, pool) -> out.put(name, pool.sweeper().sweep(resourceIsLive, clock.instant())));
        return out;
    }

    private Pool pool(String name) {
        Pool pool = pools.get(name);
        if (pool == null) {
            throw new NotFoundException("pool", "no aws-ec2 pool named '" + name + "'");
        }
        return pool;
    }

    /** At most 64 characters (with Ec2Capacity's suffixes), the same for the same controller and resource. */
    String clientToken(String resourceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((controllerId + "/" + resourceId).getBytes(StandardCharsets.UTF_8));
            return "rw-" + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        work.shutdownNow();
        pools.values().forEach(p -> p.clients().close());
    }
}
