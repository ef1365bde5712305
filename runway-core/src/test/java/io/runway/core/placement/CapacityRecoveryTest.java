package io.runway.core.placement;

import static io.runway.core.placement.PlacementFixture.await;
import static io.runway.core.placement.PlacementFixture.scaling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.CapacityProvider;
import io.runway.core.provider.Provider;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.embedded.EmbeddedStateStore;
import io.runway.core.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine stops (as in a crash) after an intent is durable but before the provider's work is confirmed;
 * the next start on the same embedded store finishes the work with the same ids.
 */
class CapacityRecoveryTest {
    private static final PoolSpec POOL = scaling("web", 0, 5, Duration.ofMinutes(10), Map.of("cpu", 4));

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private EmbeddedStateStore store;
    private LeaseEngine engine;

    /** Records calls and never finishes them: the process "dies" with the work unconfirmed. */
    static class StuckProvider implements Provider, CapacityProvider {
        final List<String> calls = new CopyOnWriteArrayList<>();

        public String name() {
            return "local";
        }

        public boolean cleansResources() {
            return false;
        }

        public CompletableFuture<Void> cleanup(ResourceView resource, String lastLeaseId) {
            return CompletableFuture.completedFuture(null);
        }

        public CompletableFuture<Void> provision(ResourceView resource) {
            calls.add("provision " + resource.id());
            return new CompletableFuture<>();
        }

        public CompletableFuture<Void> deprovision(ResourceView resource) {
            calls.add("deprovision " + resource.id());
            return new CompletableFuture<>();
        }
    }

    private LeaseEngine start(Provider provider) {
        if (engine != null) {
            engine.close();
            store.close();
        }
        store = EmbeddedStateStore.open(dir.resolve("state"));
        engine = LeaseEngine.start(new PoolsConfig(List.of(POOL), null), Map.of("local", provider), store, clock, executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        return engine;
    }

    @AfterEach
    void tearDown() {
        engine.close();
        store.close();
        executor.shutdownNow();
    }

    @Test
    void provisioningInterruptedAfterItsIntentIsFinishedAtTheNextStart() {
        StuckProvider stuck = new StuckProvider();
        List<ResourceView> made = await(start(stuck).provision("web", 2, "2 for a test"));
        assertThat(made).extracting(ResourceView::id).containsExactly("web-s1", "web-s2");
        assertThat(stuck.calls).containsExactly("provision web-s1", "provision web-s2"); // only once durable

        LocalSlotProvider local = new LocalSlotProvider(dir.resolve("slots"), 5);
        LeaseEngine restarted = start(local);
        await(restarted.tick());

        assertThat(restarted.resources()).extracting(ResourceView::id, ResourceView::state, ResourceView::attributes)
                .containsExactly(tuple("web-s1", ResourceState.FREE, Map.of("cpu", 4, "workDir", local.workingDirectory("web-s1").toString())),
                        tuple("web-s2", ResourceState.FREE, Map.of("cpu", 4, "workDir", local.workingDirectory("web-s2").toString())));
        assertThat(local.slotCount()).isEqualTo(2);
        // New ids never reuse old ones.
        assertThat(await(restarted.provision("web", 1, "more"))).extracting(ResourceView::id).containsExactly("web-s3");
    }

    @Test
    void factsAProviderReportsBecomeDurableAttributesBeforeTheResourceIsFree() {
        Map<String, Object> reported = new java.util.LinkedHashMap<>();
        reported.put("instanceId", "i-0abc");
        reported.put("privateIp", "10.0.3.7");
        reported.put("cpu", 64); // the template says 4: the template wins
        reported.put("bad name", "x"); // not an attribute name: left out
        reported.put("nested", List.of(1)); // not a scalar: left out
        StuckProvider reporting = new StuckProvider() {
            @Override
            public CompletableFuture<Map<String, Object>> provisionWithFacts(ResourceView resource) {
                calls.add("provision " + resource.id());
                return CompletableFuture.completedFuture(reported);
            }
        };
        LeaseEngine engine = start(reporting);
        await(engine.provision("web", 1, "test"));
        await(engine.tick());

        Map<String, Object> expected = Map.of("cpu", 4, "instanceId", "i-0abc", "privateIp", "10.0.3.7");
        assertThat(engine.resources()).extracting(ResourceView::state, ResourceView::attributes)
                .containsExactly(tuple(ResourceState.FREE, expected));
        // The first lease on it sees them.
        Grant grant = await(engine.acquire(new LeaseRequest("alice", "web", null, 1, Duration.ofMinutes(5), Duration.ZERO, 0)));
        assertThat(grant.lease().resources().get(0).attributes()).isEqualTo(expected);
        assertThat(engine.resources().get(0).id()).isEqualTo("web-s1");
        String description = String.valueOf(store.load().documents("capacity").get("web-s1").body());
        assertThat(description).contains("i-0abc"); // in the durable description, not only in memory

        // A restart (with a provider that reports nothing) keeps them, and is not asked to provision again.
        StuckProvider quiet = new StuckProvider();
        LeaseEngine restarted = start(quiet);
        await(restarted.tick());
        assertThat(restarted.resources()).extracting(ResourceView::attributes).containsExactly(expected);
        assertThat(quiet.calls).isEmpty();
    }

    @Test
    void deprovisioningInterruptedAfterRetirementIsFinishedAtTheNextStart() {
        LocalSlotProvider local = new LocalSlotProvider(dir.resolve("slots"), 5);
        await(start(local).provision("web", 1, "test"));
        await(engine.tick());
        assertThat(local.slotCount()).isEqualTo(1);

        StuckProvider stuck = new StuckProvider();
        start(stuck);
        await(engine.retire("web-s1", "idle"));
        assertThat(stuck.calls).containsExactly("deprovision web-s1");

        start(local);
        await(engine.tick());
        assertThat(local.slotCount()).isZero();
        assertThat(engine.resources()).extracting(ResourceView::state).containsExactly(ResourceState.RETIRED);
        // Confirmed once: a further restart asks no provider for anything.
        StuckProvider quiet = new StuckProvider();
        start(quiet);
        await(engine.tick());
        assertThat(quiet.calls).isEmpty();
    }

    @Test
    void aFailedDeprovisionIsAskedAgainAfterAWaitThatDoubles() {
        LocalSlotProvider local = new LocalSlotProvider(dir.resolve("slots"), 5);
        java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(2);
        List<String> asked = new CopyOnWriteArrayList<>();
        Provider flaky = new StuckProvider() {
            @Override
            public CompletableFuture<Void> provision(ResourceView resource) {
                return local.provision(resource);
            }

            @Override
            public CompletableFuture<Void> deprovision(ResourceView resource) {
                asked.add("deprovision " + resource.id() + " at " + clock.instant());
                return failuresLeft.getAndDecrement() > 0
                        ? CompletableFuture.failedFuture(new IllegalStateException("throttled"))
                        : local.deprovision(resource);
            }
        };
        start(flaky);
        await(engine.provision("web", 1, "test"));
        await(engine.tick());
        await(engine.retire("web-s1", "idle"));
        await(engine.tick()); // the failure is recorded
        assertThat(asked).containsExactly("deprovision web-s1 at 2026-01-01T00:00:00Z");

        clock.advance(Duration.ofSeconds(29));
        await(engine.tick());
        assertThat(asked).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        await(engine.tick()); // 30 s after the first failure: asked again, fails again
        await(engine.tick());
        assertThat(asked).hasSize(2);

        clock.advance(Duration.ofSeconds(59));
        await(engine.tick());
        assertThat(asked).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        await(engine.tick()); // 60 s after the second failure: asked again, done
        await(engine.tick());
        assertThat(asked).containsExactly("deprovision web-s1 at 2026-01-01T00:00:00Z",
                "deprovision web-s1 at 2026-01-01T00:00:30Z", "deprovision web-s1 at 2026-01-01T00:01:30Z");
        assertThat(local.slotCount()).isZero();

        clock.advance(Duration.ofHours(1));
        await(engine.tick());
        assertThat(asked).hasSize(3); // confirmed: never asked again
    }

    @Test
    void aFailedProvisioningRetiresTheResourceAndUndoesIt() {
        Provider failing = new StuckProvider() {
            @Override
            public CompletableFuture<Void> provision(ResourceView resource) {
                calls.add("provision " + resource.id());
                return CompletableFuture.failedFuture(new IllegalStateException("no capacity in the zone"));
            }

            @Override
            public CompletableFuture<Void> deprovision(ResourceView resource) {
                calls.add("deprovision " + resource.id());
                return CompletableFuture.completedFuture(null);
            }
        };
        start(failing);
        await(engine.provision("web", 1, "test"));
        await(engine.tick());
        assertThat(engine.resources()).extracting(ResourceView::state).containsExactly(ResourceState.RETIRED);
        assertThat(((StuckProvider) failing).calls).containsExactly("provision web-s1", "deprovision web-s1");
    }
}
