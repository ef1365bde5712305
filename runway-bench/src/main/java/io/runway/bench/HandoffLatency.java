package io.runway.bench;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Release → grant hand-off with a full wait queue: every resource is held, each grant for a random
 * {@code holdMin..holdMax} ms (timers on one scheduler thread, no thread per holder), and {@code waiters}
 * more requests are parked in the engine. Everyone who is granted becomes a holder under the same rule,
 * and after releasing asks again, so about {@code waiters} requests stay parked. Unlike
 * {@link SaturatedCycles}, the engine is not saturated, so the sample is the hand-off itself.
 *
 * <p>Per resource, the release's submission time is stored; when the next grant of that resource completes
 * and its request was already waiting at that moment, the difference is one sample.
 */
final class HandoffLatency {
    record Settings(int resources, int waiters, int holdMinMillis, int holdMaxMillis, Duration warmup,
                    Duration measure) {
    }

    /**
     * @param handoff release submitted → next grant completed, for releases that served a waiting request
     * @param releases releases submitted in the window (each should serve a waiter)
     * @param parkedMean requests parked in the engine, sampled every 100 ms in the window
     */
    record Result(LatencySamples.Summary handoff, long releases, double parkedMean, int parkedMin, long failures)
            implements java.io.Serializable {
    }

    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofHours(1);
    private static final long PARKED_SAMPLE_MILLIS = 100;

    private final LeaseEngine engine;
    private final Settings settings;
    private final Window window;
    private final ScheduledExecutorService holds;
    /** Per resource: when the release that freed it was submitted (nanoTime); 0 before the first one. */
    private final HandOffClock handoff;
    private final LongAdder releases = new LongAdder();
    private final LongAdder parkedSum = new LongAdder();
    private final LongAdder parkedSamples = new LongAdder();
    private final AtomicInteger parkedMin = new AtomicInteger(Integer.MAX_VALUE);
    private final LongAdder failures = new LongAdder();
    private final CountDownLatch finished;

    private HandoffLatency(LeaseEngine engine, Settings settings, ScheduledExecutorService holds) {
        this.engine = engine;
        this.settings = settings;
        this.window = new Window(settings.warmup(), settings.measure());
        this.holds = holds;
        this.handoff = new HandOffClock(settings.resources());
        this.finished = new CountDownLatch(settings.resources() + settings.waiters());
    }

    static Result run(Path disk, Settings settings) throws InterruptedException {
        ScheduledExecutorService holds = Executors.newSingleThreadScheduledExecutor(BenchEngine.daemon("holders"));
        try (BenchEngine bench = BenchEngine.start(disk, settings.resources())) {
            HandoffLatency scenario = new HandoffLatency(bench.engine, settings, holds);
            // The first `resources` requests are granted at once and become the holders; the rest park.
            for (int i = 0; i < settings.resources() + settings.waiters(); i++) {
                scenario.ask(new LeaseRequest("job-" + i, BenchEngine.POOL, null, 1, TTL, WAIT, 0));
            }
            holds.scheduleAtFixedRate(scenario::sampleParked, PARKED_SAMPLE_MILLIS, PARKED_SAMPLE_MILLIS,
                    TimeUnit.MILLISECONDS);
            scenario.window.run();
            if (!scenario.finished.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requesters did not finish within 60s of the window closing");
            }
            return scenario.result();
        } finally {
            holds.shutdownNow();
        }
    }

    private Result result() {
        long samples = parkedSamples.sum();
        return new Result(handoff.summarize(), releases.sum(), samples == 0 ? 0 : (double) parkedSum.sum() / samples,
                samples == 0 ? 0 : parkedMin.get(), failures.sum());
    }

    private void ask(LeaseRequest request) {
        if (window.stopping()) {
            finished.countDown();
            return;
        }
        long askedAt = System.nanoTime();
        engine.acquire(request).whenComplete((grant, error) -> {
            if (error != null) {
                stopAfterFailure();
                return;
            }
            int resource = BenchEngine.resourceNumber(grant);
            handoff.granted(resource, askedAt, window.measuring());
            holds.schedule(() -> release(request, grant, resource), holdMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private long holdMillis() {
        return ThreadLocalRandom.current().nextInt(settings.holdMinMillis(), settings.holdMaxMillis() + 1);
    }

    private void release(LeaseRequest request, Grant grant, int resource) {
        handoff.released(resource);
        if (window.measuring()) {
            releases.increment();
        }
        engine.release(grant.lease().id(), grant.token()).whenComplete((lease, error) -> {
            if (error != null) {
                stopAfterFailure();
                return;
            }
            ask(request);
        });
    }

    /** Proves the queue really stays full: the engine's own gauge of waiting requests. */
    private void sampleParked() {
        if (window.measuring()) {
            int waiting = engine.stats().waiting();
            parkedSum.add(waiting);
            parkedSamples.increment();
            parkedMin.accumulateAndGet(waiting, Math::min);
        }
    }

    /** Nothing should fail here; a requester that sees a failure stops, and the report shows the count. */
    private void stopAfterFailure() {
        failures.increment();
        finished.countDown();
    }
}
