package io.runway.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.aws.moto.MotoFixture;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.ConflictException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.placement.Placement;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.placement.PlacementService;
import io.runway.core.placement.ScalingPlan;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lease pools of EC2 instances against moto: a pools config with {@code provider: aws-ec2} read like
 * {@code runway serve} reads it, the lease engine and placement on a mutable clock, and the
 * {@link Ec2CapacityProvider} launching and terminating real (emulated) instances through the SDK.
 */
class Ec2CapacityProviderTest {
    private static final Duration TTL = Duration.ofMinutes(30);
    private static final String CONTROLLER = "runway-test-controller";

    MotoFixture aws;
    final MutableClock clock = MutableClock.at(Instant.now().toString());
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    Ec2CapacityProvider provider;
    LeaseEngine engine;
    PlacementService placement;
    Ec2PoolJanitor janitor;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void emulator() {
        aws = MotoFixture.fresh();
    }

    @AfterEach
    void close() {
        if (placement != null) {
            placement.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (provider != null) {
            provider.close();
        }
        executor.shutdownNow();
        aws.close();
    }

    private String config(int min, int max, int maxTerminatePercent) {
        return """
                pools:
                  - name: web
                    provider: aws-ec2
                    min: %d
                    max: %d
                    idleTimeout: 10m
                    provisioningTime: 90s
                    template:
                      labels: [linux, ec2]
                      attributes: {cpu: 2}
                    aws:
                      region: us-east-1
                      endpoint: %s
                      launchTemplate: web
                      subnets: [%s, %s]
                      maxTerminatePercent: %d
                """.formatted(min, max, aws.server.endpoint(), aws.subnetA, aws.subnetB, maxTerminatePercent);
    }

    private void start(String yaml) {
        PoolsConfig config = SpecKind.POOLS.reader().read("pools.yaml", yaml).orThrow();
        provider = Ec2CapacityProvider.forConfig(config, CONTROLLER, MotoFixture.TEST_CREDENTIALS, clock);
        Map<String, Provider> providers = Map.of("static", new StaticProvider(), Ec2CapacityProvider.NAME, provider);
        engine = LeaseEngine.start(config, providers, new InMemoryStateStore(), clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        placement = PlacementService.start(engine, config, providers, clock, executor, Duration.ZERO);
        janitor = new Ec2PoolJanitor(provider, engine, log::add);
    }

    @Test
    void unmetDemandLaunchesExactlyTheTaggedInstancesAndLeasesAreGrantedOnThem() {
        start(config(0, 5, 50));
        List<Placement> asked = List.of(placement.place(task().withCount(2)), placement.place(task()));
        List<Grant> grants = asked.stream().map(p -> await(p.grant())).toList();
        await(placement.reconcile());

        List<ResourceView> live = live();
        assertThat(live).hasSize(3).allSatisfy(r -> {
            assertThat(r.state()).isEqualTo(ResourceState.LEASED);
            assertThat(r.labels()).containsExactly("linux", "ec2");
        });
        List<Ec2Instance> instances = provider.capacity("web").liveInstances();
        assertThat(instances).hasSize(3).allSatisfy(i -> {
            assertThat(i.tag(Ec2Tags.POOL)).isEqualTo("web");
            assertThat(i.tag(Ec2Tags.OWNER_CONTROLLER)).isEqualTo(CONTROLLER);
            assertThat(i.tag(Ec2Tags.LEASE)).isEqualTo(i.tag(Ec2Tags.RESOURCE));
            assertThat(i.privateIp()).isNotBlank();
        });
        // One instance per resource, and the leases hold exactly those resources.
        assertThat(instances.stream().map(i -> i.tag(Ec2Tags.RESOURCE)).collect(Collectors.toSet()))
                .isEqualTo(live.stream().map(ResourceView::id).collect(Collectors.toSet()));
        assertThat(grants.stream().flatMap(g -> g.lease().resourceIds().stream()).collect(Collectors.toSet()))
                .isEqualTo(live.stream().map(ResourceView::id).collect(Collectors.toSet()));
        String first = live.get(0).id();
        assertThat(provider.instance("web", first)).map(Ec2Instance::tags).get()
                .extracting(t -> t.get(Ec2Tags.RESOURCE)).isEqualTo(first);
        // Each resource, and the lease on it, says which instance it is and where to reach it.
        Map<String, Ec2Instance> byResource = instances.stream()
                .collect(Collectors.toMap(i -> i.tag(Ec2Tags.RESOURCE), i -> i));
        assertThat(live).allSatisfy(r -> assertThat(r.attributes())
                .containsEntry(Ec2CapacityProvider.INSTANCE_ID, byResource.get(r.id()).id())
                .containsEntry(Ec2CapacityProvider.PRIVATE_IP, byResource.get(r.id()).privateIp())
                .containsEntry(Ec2CapacityProvider.SPOT, false)
                .containsEntry("cpu", 2));
        Grant firstGrant = grants.get(0);
        assertThat(firstGrant.lease().resources()).allSatisfy(r -> assertThat(r.attributes())
                .containsEntry(Ec2CapacityProvider.INSTANCE_ID, byResource.get(r.id()).id()));

        // Provisioning is idempotent in the resource id: asked again (as after a restart), nothing new runs,
        // and the instance the first call launched is the one reported.
        assertThat(await(provider.provisionWithFacts(live.get(0))))
                .containsEntry(Ec2CapacityProvider.INSTANCE_ID, byResource.get(first).id());
        assertThat(provider.capacity("web").liveInstances()).hasSize(3);
        // Nothing is an orphan while its resource lives; the heartbeat moved every expiry tag forward.
        clock.advance(Duration.ofMinutes(1));
        Map<String, SweepReport> sweep = janitor.round();
        assertThat(sweep.get("web").removed()).isEmpty();
        assertThat(provider.capacity("web").liveInstances()).allSatisfy(i ->
                assertThat(i.expiresAt()).contains(clock.instant().plus(Duration.ofMinutes(10))));
    }

    @Test
    void scaleDownTerminatesTheIdleInstancesAndNeverALeasedOne() {
        start(config(0, 5, 100));
        Grant a = await(placement.place(task()).grant());
        Grant b = await(placement.place(task()).grant());
        Grant c = await(placement.place(task()).grant());
        await(engine.release(a.lease().id(), a.token()));
        await(engine.release(b.lease().id(), b.token()));
        await(engine.tick());
        clock.advance(Duration.ofMinutes(11));

        ScalingPlan plan = await(placement.reconcile());
        assertThat(plan.deprovisions()).extracting(ScalingPlan.Deprovision::resourceId)
                .containsExactlyInAnyOrder(resourceOf(a), resourceOf(b));
        awaitLiveResources(List.of(resourceOf(c)));
        assertThat(engine.resources().stream().filter(r -> r.state() != ResourceState.RETIRED).map(ResourceView::id))
                .containsExactly(resourceOf(c));
        // c stays leased and its instance keeps running.
        assertThat(provider.instance("web", resourceOf(c))).isPresent();
        assertThatThrownBy(() -> await(engine.retire(resourceOf(c), "test"))).hasCauseInstanceOf(ConflictException.class);
    }

    @Test
    void theSafetyRailRefusesMassTerminationAndBoundsTheSweep() {
        start(config(0, 6, 50));
        Ec2Capacity capacity = provider.capacity("web");
        // Four tagged instances whose resources the engine never heard of: orphans of this controller.
        List<String> orphans = capacity.launch(new Ec2Capacity.LaunchRequest("web-s90", 4, clock.instant().plus(TTL),
                Map.of(Ec2Tags.RESOURCE, "web-s90"), null, null)).stream().map(Ec2Instance::id).toList();

        assertThatThrownBy(() -> capacity.terminate(orphans)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("refused by a safety rail: terminating 4 of the 4 live instances of pool web")
                .hasMessageContaining("at most 2");
        assertThat(capacity.liveInstances()).hasSize(4);

        // The janitor sweeps them, but no more per round than the rail allows.
        SweepReport first = janitor.round().get("web");
        assertThat(first.removed()).hasSize(2);
        assertThat(first.failed()).hasSize(2).allSatisfy((id, why) -> assertThat(why).contains("safety rail"));
        assertThat(capacity.liveInstances()).hasSize(2);
        SweepReport second = janitor.round().get("web");
        assertThat(second.removed()).hasSize(1); // 50% of 2
        assertThat(janitor.round().get("web").removed()).hasSize(1);
        assertThat(capacity.liveInstances()).isEmpty();
    }

    @Test
    void anOrphanIsSweptAndALiveResourcesInstanceIsNot() {
        start(config(0, 5, 50));
        Grant g = await(placement.place(task()).grant());
        Ec2Capacity capacity = provider.capacity("web");
        String orphan = capacity.launch(new Ec2Capacity.LaunchRequest("web-s77", 1, clock.instant().plus(TTL),
                Map.of(Ec2Tags.RESOURCE, "web-s77"), null, null)).get(0).id();
        // Another controller's instance that is not expired yet is left alone (it may be that controller's live work).
        String foreign = new Ec2Capacity(aws.clients, capacity.options().withLimits(5, 0.5).withController("runway-other"))
                .launch(new Ec2Capacity.LaunchRequest("web-s78", 1, clock.instant().plus(TTL),
                        Map.of(Ec2Tags.RESOURCE, "web-s78"), null, null)).get(0).id();

        SweepReport report = janitor.round().get("web");
        assertThat(report.removed()).containsExactly(orphan);
        assertThat(report.kept()).contains(foreign, provider.instance("web", resourceOf(g)).orElseThrow().id());
        assertThat(log).anyMatch(l -> l.contains("swept [" + orphan + "]"));

        // Once its expiry tag has passed (that controller stopped refreshing it), it is swept too.
        clock.advance(TTL.plusMinutes(1));
        assertThat(janitor.round().get("web").removed()).containsExactly(foreign);
        assertThat(provider.instance("web", resourceOf(g))).isPresent();
    }

    private static PlacementRequest task() {
        return PlacementRequest.of("ci", "linux && ec2", List.of("cpu >= 2"), TTL);
    }

    private static String resourceOf(Grant g) {
        return g.lease().resourceIds().get(0);
    }

    private List<ResourceView> live() {
        return engine.resources().stream().filter(r -> r.state() != ResourceState.RETIRED).toList();
    }

    /** Waits (bounded) until the pool's live instances belong to exactly these resources. */
    private void awaitLiveResources(List<String> resources) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> now;
        do {
            now = provider.capacity("web").liveInstances().stream().map(i -> i.tag(Ec2Tags.RESOURCE)).sorted().toList();
        } while (!now.equals(resources.stream().sorted().toList()) && System.nanoTime() < deadline);
        assertThat(now).containsExactlyInAnyOrderElementsOf(resources);
    }

    static <T> T await(CompletableFuture<T> f) {
        return f.orTimeout(120, TimeUnit.SECONDS).join();
    }
}
