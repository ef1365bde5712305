package io.runway.jenkins.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.deploy.Deployer;
import io.runway.core.deploy.Deployment;
import io.runway.core.deploy.DeploymentRequest;
import io.runway.core.deploy.DeploymentState;
import io.runway.core.deploy.SweepReport;
import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.rollout.RolloutPhase;
import io.runway.core.rollout.RolloutState;
import io.runway.core.rollout.control.RolloutBackends;
import io.runway.core.rollout.spec.RolloutSpec;
import io.runway.core.spec.SpecKind;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.time.MutableClock;
import io.runway.core.traffic.Route;
import io.runway.core.traffic.TrafficRouter;
import io.runway.core.traffic.TrafficSnapshot;
import io.runway.jenkins.testing.TestHosts;
import io.runway.jenkins.testing.TestRollouts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollouts whose spec names a provider other than {@code local} run on what a {@link RolloutProviderContribution}
 * opens with the host: on the host's one rollout service (so the list, promote and a restart know them), resumed
 * by the next host with the same contribution, and refused by field and plugin name when no contribution serves
 * the provider, before anything is recorded.
 */
class RolloutProviderContributionTest {
    static final String AWS_SPEC = """
            service: shop
            version: v2
            baseline: v1
            provider: aws-ec2
            deploy:
              command: [/opt/shop/bin/shop, --port, "${port}"]
              readiness: {path: /health, timeout: 60s, interval: 1s}
            strategy:
              canary:
                steps: [{setWeight: 50}, {pause: {}}]
            scaleDownDelay: 0s
            aws:
              region: eu-west-1
              launchTemplate: web
              subnets: [subnet-0a1b2c3d]
              vpc: vpc-0a1b2c3d
              loadBalancer: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/1
              listenerPort: 80
              targetPort: 8080
            """;

    @TempDir
    Path dir;
    final ScheduledExecutorService executor = TestHosts.executor();
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final List<String> events = new CopyOnWriteArrayList<>();
    /** What the fake cloud holds; outlives hosts, as EC2 instances do. */
    final Map<String, Deployment> cloud = new ConcurrentHashMap<>();
    RunwayHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        HostHolder.set(null);
        executor.shutdownNow();
    }

    static RolloutSpec spec(String yaml) {
        return SpecKind.ROLLOUT.reader().read("rollout.yaml", yaml).orThrow();
    }

    RunwayHost open(List<? extends RolloutProviderContribution> rollouts) {
        RunwayHost h = RunwayHost.open(dir, EmbeddedStateStore.open(dir.resolve("store")),
                TestHosts.pools(TestHosts.TWO_WEB_HOSTS), clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(50), List.of(), rollouts);
        HostHolder.set(h);
        return h;
    }

    @Test
    void aRolloutOfAContributedProviderRunsThroughItAndIsResumedByTheNextHost() throws Exception {
        host = open(List.of(new FakeContribution("host 1")));
        String id = host.startRollout(spec(AWS_SPEC)).state().id();
        RolloutState paused = TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        assertThat(paused.spec().provider()).isEqualTo("aws-ec2");
        assertThat(events).contains("host 1 deploy shop v2 for " + id, "host 1 route shop");
        assertThat(host.deployer().deployments()).as("nothing ran on the local deployer").isEmpty();
        assertThat(host.rollouts().list()).extracting(RolloutState::id).containsExactly(id);
        assertThat(host.routedAt(paused.spec())).endsWith("loadbalancer/app/shop/1 port 80");
        assertThatThrownBy(() -> host.router().address("shop")).as("no embedded listener was opened for it")
                .isInstanceOf(io.runway.core.error.NotFoundException.class);

        host.close();
        assertThat(events).contains("host 1 closed");
        host = open(List.of(new FakeContribution("host 2")));
        assertThat(host.recover()).containsExactly(id);
        assertThat(events).as("the new host's back-end swept what no live rollout owns, keeping this one")
                .contains("host 2 sweep kept [" + id + ", " + id + "]");
        assertThat(cloud.values()).extracting(Deployment::version).containsExactlyInAnyOrder("v1", "v2");
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);

        host.rollouts().promote(id, "test").get(60, TimeUnit.SECONDS);
        List<String> lines = new CopyOnWriteArrayList<>();
        host.progress().follow(id, lines::add);
        RolloutState end;
        try {
            end = host.rollouts().get(id).finished().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not finished: " + host.rollouts().get(id).state() + " " + lines, e);
        }
        assertThat(end.phase()).isEqualTo(RolloutPhase.PROMOTED);
        assertThat(events).as("the resumed rollout adopted v2 and routed through the new host's back-end")
                .contains("host 2 route shop").doesNotContain("host 2 deploy shop v2 for " + id);
        assertThat(cloud.values()).as("v1 scaled down through the back-end").extracting(Deployment::version)
                .containsExactly("v2");
    }

    @Test
    void aProviderNoPluginServesIsRefusedByFieldAndPluginBeforeAnythingIsRecorded() {
        host = open(List.of());
        assertThatThrownBy(() -> host.startRollout(spec(AWS_SPEC)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("provider"))
                .hasMessageContaining("provider: rollout of service 'shop' uses provider 'aws-ec2'")
                .hasMessageContaining("install the runway-aws plugin");
        assertThat(host.rollouts().list()).isEmpty();
        assertThat(host.rollouts().history("shop")).as("no fingerprint was recorded").isEmpty();
        assertThat(host.rolloutProviders()).containsExactly("local");
    }

    @Test
    void aStoredRolloutWhoseProviderIsGoneIsLeftAsStoredAndResumedOnceServedAgain() throws Exception {
        host = open(List.of(new FakeContribution("host 1")));
        String id = host.startRollout(spec(AWS_SPEC)).state().id();
        TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED);
        host.close();

        host = open(List.of()); // the runway-aws plugin was removed
        assertThat(host.recover()).isEmpty();
        assertThat(cloud.values()).as("its instances were not swept").extracting(Deployment::version)
                .containsExactlyInAnyOrder("v1", "v2");
        host.close();

        host = open(List.of(new FakeContribution("host 3")));
        assertThat(host.recover()).containsExactly(id);
        assertThat(TestRollouts.awaitPhase(host, id, RolloutPhase.PAUSED).id()).isEqualTo(id);
    }

    /** A fake aws-ec2 back-end: versions are ready at once in {@link #cloud}; records what it is asked. */
    final class FakeContribution extends RolloutProviderContribution {
        private final String name;

        FakeContribution(String name) {
            this.name = name;
        }

        @Override
        public Set<String> providers() {
            return Set.of("aws-ec2");
        }

        @Override
        public Backends open(CapacityContribution.Context context) {
            FakeDeployer deployer = new FakeDeployer(name);
            FakeRouter router = new FakeRouter(name);
            return new Backends() {
                @Override
                public Backend backend(RolloutSpec spec) {
                    assertThat(spec.provider()).isEqualTo("aws-ec2");
                    return new Backend(deployer, router);
                }

                @Override
                public List<Deployer> deployers() {
                    return List.of(deployer);
                }

                @Override
                public void close() {
                    events.add(name + " closed");
                }
            };
        }
    }

    final class FakeDeployer implements Deployer {
        private final String name;

        FakeDeployer(String name) {
            this.name = name;
        }

        @Override
        public CompletableFuture<Deployment> deploy(DeploymentRequest r) {
            events.add(name + " deploy " + r.service() + " " + r.version() + " for " + r.ownerId());
            Deployment d = new Deployment("i-" + cloud.size(), r.service(), r.version(), r.ownerId(),
                    URI.create("http://10.0.0.1:8080"), 0, null, DeploymentState.READY);
            cloud.put(d.id(), d);
            return CompletableFuture.completedFuture(d);
        }

        @Override
        public CompletableFuture<Void> undeploy(String deploymentId) {
            cloud.remove(deploymentId);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isRunning(String deploymentId) {
            return cloud.containsKey(deploymentId);
        }

        @Override
        public List<Deployment> deployments() {
            return List.copyOf(cloud.values());
        }

        @Override
        public CompletableFuture<SweepReport> sweep(Predicate<String> ownerIsLive) {
            List<String> kept = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (Deployment d : List.copyOf(cloud.values())) {
                if (ownerIsLive.test(d.ownerId())) {
                    kept.add(d.ownerId());
                } else {
                    cloud.remove(d.id());
                    removed.add(d.id());
                }
            }
            events.add(name + " sweep kept " + kept);
            return CompletableFuture.completedFuture(new SweepReport(removed, kept, Map.of()));
        }
    }

    final class FakeRouter implements TrafficRouter {
        private final String name;

        FakeRouter(String name) {
            this.name = name;
        }

        @Override
        public void setRoute(String service, Route route) {
            events.add(name + " route " + service);
        }

        @Override
        public TrafficSnapshot snapshot(String service) {
            return new TrafficSnapshot(service, clock.instant(), Map.of());
        }

        @Override
        public void close() {
        }
    }
}
