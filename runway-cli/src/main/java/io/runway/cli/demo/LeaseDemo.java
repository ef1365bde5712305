package io.runway.cli.demo;

import io.runway.core.error.RunwayException;
import io.runway.core.lease.EngineOptions;
import io.runway.core.lease.Grant;
import io.runway.core.lease.Lease;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import io.runway.core.lease.LeaseState;
import io.runway.core.pool.PoolSpec;
import io.runway.core.pool.PoolsConfig;
import io.runway.core.pool.QuotaSpec;
import io.runway.core.pool.ResourceSpec;
import io.runway.core.provider.StaticProvider;
import io.runway.core.store.embedded.EmbeddedStateStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lease scenario of {@code runway demo}: pipeline jobs contend for deploy slots on the embedded
 * default (real engine, durable store in a directory, real threads and time). It shows waiting with
 * priorities, a large request that is not starved, a crashed job whose lease expires, and a restart that
 * keeps an active lease; it checks that no slot was ever held twice.
 */
public final class LeaseDemo {
    private final PrintWriter out;
    private final Path stateDir;
    private final long start = System.nanoTime();
    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<JobResult> results = new CopyOnWriteArrayList<>();

    record JobResult(String job, int priority, int count, Duration waited, long fencingToken, String outcome) {}

    public LeaseDemo(PrintWriter out, Path stateDir) {
        this.out = out;
        this.stateDir = stateDir;
    }

    static PoolsConfig config() {
        List<ResourceSpec> slots = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            slots.add(new ResourceSpec("slot-" + i, List.of("linux", "deploy"), Map.of("zone", i % 2 == 0 ? "b" : "a")));
        }
        return new PoolsConfig(List.of(new PoolSpec("deploy", "static", slots, Duration.ZERO, new QuotaSpec(3))), null);
    }

    /** Runs the scenario; returns true when every check held. */
    public boolean run() throws Exception {
        ScheduledExecutorService host = Executors.newScheduledThreadPool(2);
        ExecutorService jobs = Executors.newFixedThreadPool(12);
        try {
            Grant kept;
            try (EmbeddedStateStore store = EmbeddedStateStore.open(stateDir)) {
                LeaseEngine engine = start(store, host);
                say("pool 'deploy': 4 slots, per-owner quota 3, state in " + stateDir);
                Grant crashed = engine.acquire(new LeaseRequest("job-crashed", "deploy", null, 1,
                        Duration.ofSeconds(2), Duration.ZERO, 0)).join();
                say("job-crashed holds " + crashed.lease().resourceIds() + " with ttl 2s and never renews (its agent died)");
                List<Future<?>> running = new ArrayList<>();
                for (int i = 1; i <= 8; i++) {
                    running.add(jobs.submit(job(engine, "build-" + i, 1, 0, 300)));
                }
                running.add(jobs.submit(job(engine, "integration", 3, 0, 400)));
                Thread.sleep(200);
                running.add(jobs.submit(job(engine, "hotfix", 1, 10, 200)));
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
                Lease expired = awaitEnd(engine, crashed.lease().id());
                say("job-crashed's lease is " + expired.state() + ", reaped "
                        + Duration.between(expired.expiresAt(), expired.endedAt()).toMillis()
                        + " ms after its expiry (" + expired.endReason() + ")");
                if (expired.state() != LeaseState.EXPIRED) {
                    violations.add("the crashed job's lease did not expire");
                }
                kept = engine.acquire(new LeaseRequest("release-train", "deploy", null, 2,
                        Duration.ofMinutes(30), Duration.ZERO, 0)).join();
                say("release-train holds " + kept.lease().resourceIds() + " (fencing token "
                        + kept.lease().fencingToken() + ", expires " + kept.lease().expiresAt() + "); restarting the engine");
                engine.close();
            }
            try (EmbeddedStateStore store = EmbeddedStateStore.open(stateDir)) {
                LeaseEngine engine = start(store, host);
                Lease back = engine.lease(kept.lease().id()).orElseThrow();
                boolean same = back.state() == LeaseState.ACTIVE && back.expiresAt().equals(kept.lease().expiresAt())
                        && back.fencingToken() == kept.lease().fencingToken();
                say("after restart: release-train is " + back.state() + ", same expiry and fencing token: " + same);
                if (!same) {
                    violations.add("the active lease did not survive the restart unchanged");
                }
                engine.release(kept.lease().id(), kept.token()).join();
                engine.close();
            }
        } finally {
            jobs.shutdownNow();
            host.shutdownNow();
        }
        printSummary();
        return violations.isEmpty();
    }

    /** Polls (the demo runs on real time) until the lease ends, for at most ten seconds. */
    private static Lease awaitEnd(LeaseEngine engine, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Lease lease = engine.lease(id).orElseThrow();
        while (!lease.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            lease = engine.lease(id).orElseThrow();
        }
        return lease;
    }

    private static LeaseEngine start(EmbeddedStateStore store, ScheduledExecutorService host) {
        return LeaseEngine.start(config(), Map.of("static", new StaticProvider()), store, Clock.systemUTC(), host,
                EngineOptions.DEFAULT);
    }

    private Runnable job(LeaseEngine engine, String name, int count, int priority, long holdMillis) {
        return () -> {
            long asked = System.nanoTime();
            try {
                Grant g = engine.acquire(new LeaseRequest(name, "deploy", null, count, Duration.ofMinutes(5),
                        Duration.ofSeconds(30), priority)).join();
                Duration waited = Duration.ofNanos(System.nanoTime() - asked);
                record(g);
                say(name + " got " + g.lease().resourceIds() + " after " + waited.toMillis() + " ms");
                Thread.sleep(holdMillis);
                g.lease().resourceIds().forEach(r -> holders.remove(r, g.lease().id()));
                engine.release(g.lease().id(), g.token()).join();
                results.add(new JobResult(name, priority, count, waited, g.lease().fencingToken(), "released"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                String why = e.getCause() instanceof RunwayException r ? r.getMessage() : String.valueOf(e);
                results.add(new JobResult(name, priority, count, Duration.ofNanos(System.nanoTime() - asked), 0, why));
                violations.add(name + " failed: " + why);
            }
        };
    }

    private void record(Grant g) {
        for (String r : g.lease().resourceIds()) {
            String previous = holders.putIfAbsent(r, g.lease().id());
            if (previous != null) {
                violations.add(r + " granted to " + g.lease().owner() + " while held by " + previous);
            }
        }
    }

    private synchronized void say(String line) {
        out.printf("[%6.2fs] %s%n", (System.nanoTime() - start) / 1e9, line);
        out.flush();
    }

    private void printSummary() {
        out.println();
        out.printf("%-12s %8s %5s %9s %8s  %s%n", "job", "priority", "count", "waited", "fencing", "outcome");
        results.stream().sorted((a, b) -> Long.compare(a.fencingToken(), b.fencingToken())).forEach(r ->
                out.printf("%-12s %8d %5d %7dms %8d  %s%n", r.job(), r.priority(), r.count(), r.waited().toMillis(),
                        r.fencingToken(), r.outcome()));
        out.println();
        out.println(violations.isEmpty() ? "leases: every check held (no slot held twice, expiry, restart)"
                : "leases: FAILED: " + String.join("; ", violations));
        out.flush();
    }
}
