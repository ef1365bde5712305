package io.runway.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads acquire, hold and release with random timing on a small pool; a checker proves over the
 * whole history that no resource is ever held by two leases and that fencing tokens only grow.
 */
class LeaseEngineConcurrencyTest {
    private static final int THREADS = 24;
    private static final int CYCLES_PER_THREAD = 150;

    @TempDir
    Path dir;

    @Test
    void noResourceIsEverHeldByTwoLeases() throws Exception {
        PoolSpec pool = EngineFixture.pool("web", 6);
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2);
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        Map<String, String> holder = new ConcurrentHashMap<>();
        Map<String, Long> lastToken = new ConcurrentHashMap<>();
        List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger granted = new AtomicInteger();
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir)) {
            LeaseEngine engine = LeaseEngine.start(new PoolsConfig(List.of(pool), null),
                    Map.of("static", new StaticProvider()), store, Clock.systemUTC(), host, EngineOptions.DEFAULT);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String owner = "client-" + t;
                running.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < CYCLES_PER_THREAD; i++) {
                        LeaseRequest request = new LeaseRequest(owner, "web", null, 1 + random.nextInt(3),
                                Duration.ofMinutes(5), Duration.ofMinutes(1), random.nextInt(3));
                        Grant g = engine.acquire(request).join();
                        for (String r : g.lease().resourceIds()) {
                            String previous = holder.putIfAbsent(r, g.lease().id());
                            if (previous != null) {
                                violations.add(r + " granted to " + g.lease().id() + " while held by " + previous);
                            }
                            Long last = lastToken.put(r, g.lease().fencingToken());
                            if (last != null && last >= g.lease().fencingToken()) {
                                violations.add(r + " fencing token went from " + last + " to " + g.lease().fencingToken());
                            }
                        }
                        granted.incrementAndGet();
                        if (random.nextInt(4) == 0) {
                            Thread.onSpinWait(); // hold briefly; timing only varies the interleaving
                        }
                        // Forget the holder before releasing: the release happens after this point.
                        g.lease().resourceIds().forEach(r -> holder.remove(r, g.lease().id()));
                        engine.release(g.lease().id(), g.token()).join();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(120, TimeUnit.SECONDS);
            }
            engine.close();
            assertThat(violations).isEmpty();
            assertThat(granted).hasValue(THREADS * CYCLES_PER_THREAD);
            assertThat(engine.stats().granted()).isEqualTo(THREADS * CYCLES_PER_THREAD);
        } finally {
            clients.shutdownNow();
            host.shutdownNow();
        }
    }
}
