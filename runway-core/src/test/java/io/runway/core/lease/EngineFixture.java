package io.runway.core.lease;

import io.runway.core.label.LabelExpression;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.StateStore;
import io.runway.core.store.memory.InMemoryStateStore;
import io.runway.core.time.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Builds engines on a mutable clock with no automatic tick, and the pools they serve. */
final class EngineFixture implements AutoCloseable {
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    final Map<String, Provider> providers = new HashMap<>(Map.of("static", new StaticProvider()));
    StateStore store = new InMemoryStateStore();
    final List<LeaseEngine> engines = new ArrayList<>();

    static PoolSpec pool(String name, int size, String... labels) {
        List<ResourceSpec> resources = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            resources.add(new ResourceSpec(name + "-" + i, List.of(labels), Map.of()));
        }
        return new PoolSpec(name, "static", resources, Duration.ZERO, QuotaSpec.none());
    }

    LeaseEngine start(PoolSpec... pools) {
        return start(new PoolsConfig(List.of(pools), null));
    }

    LeaseEngine start(PoolsConfig config) {
        return start(config, EngineOptions.DEFAULT);
    }

    /** Starts with {@code options}, except that the automatic tick is always off. */
    LeaseEngine start(PoolsConfig config, EngineOptions options) {
        LeaseEngine engine = LeaseEngine.start(config, providers, store, clock, executor,
                options.withTickInterval(Duration.ZERO));
        engines.add(engine);
        return engine;
    }

    static LeaseRequest request(String owner, String pool, int count) {
        return new LeaseRequest(owner, pool, null, count, Duration.ofMinutes(10), Duration.ZERO, 0);
    }

    static LeaseRequest capable(String owner, String expression, int count) {
        return new LeaseRequest(owner, null, LabelExpression.parse(expression, "capability"), count,
                Duration.ofMinutes(10), Duration.ZERO, 0);
    }

    static <T> T await(CompletableFuture<T> f) {
        return f.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        engines.forEach(LeaseEngine::close);
        executor.shutdownNow();
    }
}
