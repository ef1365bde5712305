package io.runway.jenkins.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.core.error.InvalidInputException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.placement.PlacementRequest;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.provider.Provider;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.store.StateStore;
import io.runway.core.time.MutableClock;
import io.runway.jenkins.testing.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools other than static are served by what a {@link CapacityContribution} opens with the host: provided when
 * one serves them, refused by name (with the plugin to install) when none does, opened only when a pool needs
 * them, and told of the engine's start and stop and closed with the host.
 */
class CapacityContributionTest {
    static final String EC2_POOL = """
            pools:
              - name: static-web
                resources: [{name: web-1, labels: [linux]}]
              - name: cloud
                provider: aws-ec2
                min: 0
                max: 2
                template: {labels: [linux, ec2]}
                aws: {region: eu-west-1, launchTemplate: web}
            """;

    @TempDir
    Path dir;
    final ScheduledExecutorService executor = TestHosts.executor();
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final List<String> events = new CopyOnWriteArrayList<>();
    RunwayHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        executor.shutdownNow();
    }

    /** A fake aws-ec2 provider: every provisioned resource exists at once; records what the host tells it. */
    final class FakeContribution extends CapacityContribution {
        @Override
        public Set<String> providers() {
            return Set.of("aws-ec2");
        }

        @Override
        public Capacity open(PoolsConfig pools, Context context) {
            events.add("open " + pools.pools().stream().filter(p -> p.provider().equals("aws-ec2")).map(p -> p.name()).toList()
                    + " in " + context.stateDir().getFileName());
            FakeProvider provider = new FakeProvider();
            return new Capacity() {
                @Override
                public Map<String, Provider> providers() {
                    return Map.of("aws-ec2", provider);
                }

                @Override
                public void engineStarted(LeaseEngine engine, java.util.concurrent.ScheduledExecutorService ex) {
                    events.add("engineStarted knowing " + engine.resources().size() + " resource(s)");
                }

                @Override
                public void engineStopping() {
                    events.add("engineStopping");
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        }
    }

    final class FakeProvider implements Provider, CapacityProvider {
        @Override
        public String name() {
            return "aws-ec2";
        }

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
            events.add("provision " + resource.id());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> deprovision(ResourceView resource) {
            events.add("deprovision " + resource.id());
            return CompletableFuture.completedFuture(null);
        }
    }

    private RunwayHost open(String yaml, List<CapacityContribution> contributions) {
        return RunwayHost.open(dir, EmbeddedStateStore.open(dir.resolve("store")), TestHosts.pools(yaml), clock,
                executor, EngineOptions.DEFAULT.withTickInterval(Duration.ZERO), Duration.ofMillis(100), contributions);
    }

    @Test
    void aContributedProviderServesItsPoolAndIsClosedWithTheHost() throws Exception {
        host = open(EC2_POOL, List.of(new FakeContribution()));
        assertThat(events).containsExactly("open [cloud] in " + dir.getFileName(), "engineStarted knowing 1 resource(s)");

        Grant g = host.placements().place(PlacementRequest.of("build:job#1", "ec2", List.of(), Duration.ofMinutes(10)))
                .grant().get(30, TimeUnit.SECONDS);
        String resource = g.lease().resourceIds().get(0);
        assertThat(resource).startsWith("cloud-");
        assertThat(events).contains("provision " + resource);

        host.close();
        host = null;
        assertThat(events).endsWith("engineStopping", "close");
        assertThat(events.indexOf("engineStopping")).isLessThan(events.indexOf("close"));
    }

    @Test
    void aPoolNobodyServesIsRefusedByNameWithThePluginToInstallAndTheStoreIsClosed() {
        assertThatThrownBy(() -> open(EC2_POOL, List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("pools"))
                .hasMessageContaining("pools[1].provider: pool 'cloud' uses provider 'aws-ec2'")
                .hasMessageContaining("install the runway-aws plugin");
        // The store was closed: another can open the same directory at once.
        StateStore again = EmbeddedStateStore.open(dir.resolve("store"));
        again.close();
    }

    @Test
    void withoutPoolsNeedingItAContributionIsNotOpened() {
        host = open(TestHosts.TWO_WEB_HOSTS, List.of(new FakeContribution()));
        assertThat(host.leases().resources()).hasSize(3);
        host.close();
        host = null;
        assertThat(events).isEmpty();
    }

    @Test
    void aContributionThatFailsToOpenLeavesNothingOpen() {
        CapacityContribution failing = new CapacityContribution() {
            @Override
            public Set<String> providers() {
                return Set.of("aws-ec2");
            }

            @Override
            public Capacity open(PoolsConfig pools, Context context) {
                throw new InvalidInputException("runwayAws.credentialsId", "runwayAws.credentialsId: no such credentials");
            }
        };
        assertThatThrownBy(() -> open(EC2_POOL, List.of(failing))).hasMessageContaining("runwayAws.credentialsId");
        EmbeddedStateStore.open(dir.resolve("store")).close();
    }

    @Test
    void theConfigurationCheckNamesEveryUnservedPool() {
        PoolsConfig pools = TestHosts.pools(EC2_POOL);
        assertThat(PoolProviders.problems(pools, PoolProviders.available(List.of()))).containsExactly(
                "pools[1].provider: pool 'cloud' uses provider 'aws-ec2', which no installed plugin provides: install the"
                        + " runway-aws plugin (Manage Jenkins → Plugins), or use a static pool");
        assertThat(PoolProviders.problems(pools, PoolProviders.available(List.of(new FakeContribution())))).isEmpty();
    }
}
