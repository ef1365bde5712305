package io.runway.core.placement;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.pool.ResourceTemplate;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.store.StateStore;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** An engine and a placement service on a mutable clock with no automatic tick or round. */
final class PlacementFixture implements AutoCloseable {
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    final Map<String, Provider> providers = new HashMap<>();
    final LocalSlotProvider local;
    StateStore store = new InMemoryStateStore();
    LeaseEngine engine;
    PlacementService service;

    PlacementFixture(Path slots, int maxSlots) {
        local = new LocalSlotProvider(slots, maxSlots);
        providers.put("static", new StaticProvider());
        providers.put("local", local);
    }

    PlacementFixture start(PoolsConfig config) {
        engine = LeaseEngine.start(config, providers, store, clock, executor, EngineOptions.DEFAULT.withTickInterval(Duration.ZERO));
        service = PlacementService.start(engine, config, providers, clock, executor, Duration.ZERO);
        return this;
    }

    PlacementFixture start(PoolSpec... pools) {
        return start(new PoolsConfig(List.of(pools), null));
    }

    /** A listed pool whose resources all have {@code attributes}. */
    static PoolSpec listed(String name, int size, Map<String, Object> attributes, String... labels) {
        List<ResourceSpec> resources = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            resources.add(new ResourceSpec(name + "-" + i, List.of(labels), attributes));
        }
        return new PoolSpec(name, "static", resources, Duration.ZERO, null);
    }

    /** A local pool with no listed resources that scales from {@code min} to {@code max}. */
    static PoolSpec scaling(String name, int min, int max, Duration idleTimeout, Map<String, Object> attributes) {
        return new PoolSpec(name, "local", null, null, null).withScaling(min, max, idleTimeout, Duration.ofSeconds(30),
                new ResourceTemplate(List.of("linux"), attributes));
    }

    static <T> T await(CompletableFuture<T> f) {
        return f.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        if (engine != null) {
            engine.close();
        }
        executor.shutdownNow();
    }
}
