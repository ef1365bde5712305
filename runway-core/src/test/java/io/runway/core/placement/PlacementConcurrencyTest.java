package io.runway.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.CapacitySpec;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.Provider;
import io.runway.core.provider.StaticProvider;
import io.runway.core.provider.local.LocalSlotProvider;
import io.runway.core.resource.ResourceState;
import io.runway.core.resource.ResourceView;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads place, hold and release tasks with random requirements, counts and priorities while scaling
 * rounds run continuously with a zero idle timeout (so slots are provisioned and retired all the time) and
 * plain lease requests compete for the same resources. Over the whole history: no resource is ever in two
 * placements or leases at once, fencing tokens only grow per resource, no retired resource is ever granted,
 * and the caps are never exceeded.
 */
class PlacementConcurrencyTest {
    private static final int THREADS = 16;
    private static final int CYCLES = 60;
    private static final int POOL_MAX = 6;
    private static final int OVERALL_MAX = 9;

    @TempDir
    Path dir;

    @Test
    void noResourceIsEverInTwoPlacementsAtOnce() throws Exception {
        PoolSpec scaled = PlacementFixture.scaling("web", 0, POOL_MAX, Duration.ZERO, Map.of("cpu", 4, "costPerHour", 0.5));
        PoolSpec listed = new PoolSpec("fixed", "static", List.of(new ResourceSpec("f-1", List.of("linux"), Map.of("cpu", 8)),
                new ResourceSpec("f-2", List.of("linux"), Map.of("cpu", 2))), null, null);
        PoolsConfig config = new PoolsConfig(List.of(scaled, listed), null, new CapacitySpec(OVERALL_MAX));
        LocalSlotProvider local = new LocalSlotProvider(dir.resolve("slots"), 100);
        Map<String, Provider> providers = Map.of("local", local, "static", new StaticProvider());
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2);
        ExecutorService clients = Executors.newFixedThreadPool(THREADS + 1);
        Map<String, String> holder = new ConcurrentHashMap<>();
        Map<String, Long> lastToken = new ConcurrentHashMap<>();
        Set<String> retiredSeen = ConcurrentHashMap.newKeySet();
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger placed = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        try (EmbeddedStateStore store = EmbeddedStateStore.open(dir.resolve("state"))) {
            LeaseEngine engine = LeaseEngine.start(config, providers, store, Clock.systemUTC(), host, EngineOptions.DEFAULT);
            PlacementService service = PlacementService.start(engine, config, providers, Clock.systemUTC(), host, Duration.ZERO);
            Future<?> rounds = clients.submit(() -> {
                while (!done.get()) {
                    service.reconcile().join();
                    List<ResourceView> resources = engine.resources();
                    long live = resources.stream().filter(r -> r.state() != ResourceState.RETIRED).count();
                    long liveWeb = resources.stream().filter(r -> r.pool().equals("web") && r.state() != ResourceState.RETIRED).count();
                    if (live > OVERALL_MAX || liveWeb > POOL_MAX) {
                        violations.add("caps exceeded: " + live + " live, " + liveWeb + " in web");
                    }
                    resources.stream().filter(r -> r.state() == ResourceState.RETIRED).forEach(r -> retiredSeen.add(r.id()));
                }
            });
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String owner = "client-" + t;
                running.add(clients.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < CYCLES; i++) {
                        Grant g;
                        if (random.nextInt(5) == 0) { // a plain lease competing for the same resources
                            g = engine.acquire(new io.runway.core.lease.LeaseRequest(owner, null, null, 1,
                                    Duration.ofMinutes(5), Duration.ofMinutes(1), 0)).join();
                        } else {
                            List<String> constraints = random.nextBoolean() ? List.of() : List.of("cpu >= 4");
                            PlacementRequest r = PlacementRequest.of(owner, "linux", constraints, Duration.ofMinutes(5))
                                    .withCount(1 + random.nextInt(2)).withPriority(random.nextInt(3))
                                    .withScoring(Scoring.values()[random.nextInt(3)]);
                            g = service.place(r).grant().join();
                        }
                        for (String id : g.lease().resourceIds()) {
                            if (retiredSeen.contains(id)) {
                                violations.add(id + " granted after it was retired");
                            }
                            String previous = holder.putIfAbsent(id, g.lease().id());
                            if (previous != null) {
                                violations.add(id + " granted to " + g.lease().id() + " while held by " + previous);
                            }
                            Long last = lastToken.put(id, g.lease().fencingToken());
                            if (last != null && last >= g.lease().fencingToken()) {
                                violations.add(id + " fencing token went from " + last + " to " + g.lease().fencingToken());
                            }
                        }
                        placed.incrementAndGet();
                        g.lease().resourceIds().forEach(id -> holder.remove(id, g.lease().id()));
                        engine.release(g.lease().id(), g.token()).join();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(180, TimeUnit.SECONDS);
            }
            done.set(true);
            rounds.get(30, TimeUnit.SECONDS);
            service.reconcile().join(); // everything idle past a zero timeout goes
            engine.tick().join();
            service.close();
            engine.close();
            assertThat(violations).isEmpty();
            assertThat(placed).hasValue(THREADS * CYCLES);
            assertThat(retiredSeen).isNotEmpty(); // scaling down really happened during the run
            assertThat(local.slotCount()).isZero();
        } finally {
            clients.shutdownNow();
            host.shutdownNow();
        }
    }
}
