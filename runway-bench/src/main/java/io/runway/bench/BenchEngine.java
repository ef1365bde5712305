package io.runway.bench;

import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real engine as a host would run it: the embedded store in a fresh directory, the system clock, a
 * scheduler of two threads, default options, and one static pool of {@code size} resources named
 * {@code r-0 .. r-(size-1)}, so a resource's number can be read back from its id.
 */
final class BenchEngine implements AutoCloseable {
    static final String POOL = "bench";

    final LeaseEngine engine;
    private final EmbeddedStateStore store;
    private final ScheduledExecutorService scheduler;
    private final TempDir dir;

    /**
     * Compacts the store now and waits: after a bulk set-up (a fleet created, half of it leased) the log
     * holds the whole fleet's history, and its first compaction would otherwise land inside the measured
     * window of whichever scenario runs next. Steady state is what is measured.
     */
    void settle() {
        store.compact().join();
    }

    private BenchEngine(TempDir dir, EmbeddedStateStore store, ScheduledExecutorService scheduler, LeaseEngine engine) {
        this.dir = dir;
        this.store = store;
        this.scheduler = scheduler;
        this.engine = engine;
    }

    static BenchEngine start(Path parent, int size) {
        TempDir dir = TempDir.create(parent, "runway-engine-");
        EmbeddedStateStore store = EmbeddedStateStore.open(dir.path());
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("runway-engine"));
        LeaseEngine engine = LeaseEngine.start(pools(size), Map.of(StaticProvider.NAME, new StaticProvider()), store,
                Clock.systemUTC(), scheduler, EngineOptions.DEFAULT);
        return new BenchEngine(dir, store, scheduler, engine);
    }

    static PoolsConfig pools(int size) {
        List<ResourceSpec> resources = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            resources.add(new ResourceSpec("r-" + i, List.of("bench"), Map.of()));
        }
        return new PoolsConfig(List.of(new PoolSpec(POOL, StaticProvider.NAME, resources, null, null)), null);
    }

    /** The number in a granted resource's id ({@code r-42} → 42). */
    static int resourceNumber(Grant grant) {
        return Integer.parseInt(grant.lease().resources().get(0).id().substring(2));
    }

    @Override
    public void close() {
        engine.close();
        store.close();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dir.close();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }
}
