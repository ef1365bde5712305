package io.runway.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A release that hands its resource straight to a waiter changes the same resource twice in one batch;
 * the batch must still carry the version the store expects (regression: the store refused it and the
 * engine stopped).
 */
class SameBatchRewriteTest {
    @Test
    void releaseThatServesAWaiterIsOneValidWrite() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        PoolsConfig config = new PoolsConfig(List.of(new PoolSpec("p", "static",
                List.of(new ResourceSpec("r-1", List.of(), Map.of())), Duration.ZERO, null)), null);
        try (LeaseEngine engine = LeaseEngine.start(config, Map.of("static", new StaticProvider()), new InMemoryStateStore(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), executor,
                EngineOptions.DEFAULT.withTickInterval(Duration.ZERO))) {
            Grant first = engine.acquire(LeaseRequest.of("a", "p", Duration.ofMinutes(5))).get(5, TimeUnit.SECONDS);
            var waiting = engine.acquire(LeaseRequest.of("b", "p", Duration.ofMinutes(5)).withWait(Duration.ofMinutes(1)));
            engine.tick().get(5, TimeUnit.SECONDS);

            engine.release(first.lease().id(), first.token()).get(5, TimeUnit.SECONDS);
            Grant second = waiting.get(5, TimeUnit.SECONDS);

            assertThat(second.lease().fencingToken()).isGreaterThan(first.lease().fencingToken());
            // The engine still works: the next write on the same resource is accepted too.
            assertThat(engine.release(second.lease().id(), second.token()).get(5, TimeUnit.SECONDS).state())
                    .isEqualTo(LeaseState.RELEASED);
        } finally {
            executor.shutdownNow();
        }
    }
}
