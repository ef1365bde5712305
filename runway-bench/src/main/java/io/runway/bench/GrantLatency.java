package io.runway.bench;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency of one {@code acquire(wait=0)} against a pool of {@code size} resources of which half are held
 * by long leases, while {@code background} asynchronous requesters cycle acquire → release on the same
 * pool, so the probe's grant rides in group commits with other work. A probe thread acquires, records the
 * time to the durable grant, releases, and repeats.
 */
final class GrantLatency {
    record Result(int size, LatencySamples.Summary grant, long failures) implements java.io.Serializable {
    }

    private static final Duration TTL = Duration.ofHours(1);
    private static final int PRELEASE_IN_FLIGHT = 1000;

    private final LeaseEngine engine;
    private final Window window;
    private final LongAdder failures = new LongAdder();
    private final CountDownLatch backgroundDone;

    private GrantLatency(LeaseEngine engine, Window window, int background) {
        this.engine = engine;
        this.window = window;
        this.backgroundDone = new CountDownLatch(background);
    }

    static Result run(Path disk, int size, int background, Duration warmup, Duration measure)
            throws InterruptedException {
        try (BenchEngine bench = BenchEngine.start(disk, size)) {
            holdHalf(bench.engine, size);
            bench.settle();
            GrantLatency scenario = new GrantLatency(bench.engine, new Window(warmup, measure), background);
            for (int i = 0; i < background; i++) {
                scenario.backgroundCycle(LeaseRequest.of("background-" + i, BenchEngine.POOL, TTL));
            }
            LatencySamples samples = new LatencySamples(1 << 20);
            Thread probe = new Thread(() -> scenario.probe(samples), "grant-latency-probe");
            probe.start();
            scenario.window.run();
            probe.join();
            if (!scenario.backgroundDone.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("background requesters did not finish within 60s");
            }
            return new Result(size, samples.summarize(), scenario.failures.sum());
        }
    }

    /** Leases half the pool for the whole run, a bounded number of requests in flight at a time. */
    private static void holdHalf(LeaseEngine engine, int size) {
        List<CompletableFuture<Grant>> inFlight = new ArrayList<>(PRELEASE_IN_FLIGHT);
        for (int i = 0; i < size / 2; i++) {
            inFlight.add(engine.acquire(LeaseRequest.of("holder-" + i, BenchEngine.POOL, TTL)));
            if (inFlight.size() == PRELEASE_IN_FLIGHT) {
                inFlight.forEach(CompletableFuture::join);
                inFlight.clear();
            }
        }
        inFlight.forEach(CompletableFuture::join);
    }

    private void probe(LatencySamples samples) {
        LeaseRequest request = LeaseRequest.of("probe", BenchEngine.POOL, TTL);
        while (!window.stopping()) {
            long asked = System.nanoTime();
            Grant grant;
            try {
                grant = engine.acquire(request).join();
            } catch (RuntimeException e) {
                failures.increment();
                continue;
            }
            long granted = System.nanoTime();
            if (window.measuring()) {
                samples.record(granted - asked);
            }
            engine.release(grant.lease().id(), grant.token()).join();
        }
    }

    private void backgroundCycle(LeaseRequest request) {
        if (window.stopping()) {
            backgroundDone.countDown();
            return;
        }
        engine.acquire(request).whenComplete((grant, error) -> {
            if (error != null) {
                failures.increment();
                backgroundDone.countDown();
                return;
            }
            engine.release(grant.lease().id(), grant.token()).whenComplete((lease, releaseError) -> {
                if (releaseError != null) {
                    failures.increment();
                    backgroundDone.countDown();
                    return;
                }
                backgroundCycle(request);
            });
        });
    }
}
