package io.runway.bench;

import io.runway.core.lease.Grant;
import io.runway.core.lease.LeaseEngine;
import io.runway.core.lease.LeaseRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durable acquire → release cycles with more requesters than resources, all asynchronous: each requester
 * is a chain {@code acquire(wait) → release → acquire ...}, so {@code requesters} requests are outstanding
 * at once and {@code requesters - resources} of them are always waiting. A cycle counts when its release
 * is durable. For each grant whose request was already queued when its resource was released, the time
 * from submitting that release to the grant's future completing is recorded (release → grant).
 */
final class SaturatedCycles {
    record Settings(int resources, int requesters, Duration warmup, Duration measure) {
    }

    record Result(long cycles, double seconds, double cyclesPerSecond, LatencySamples.Summary releaseToGrant,
                  long failures) implements java.io.Serializable {
    }

    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofHours(1);

    private final LeaseEngine engine;
    private final Window window;
    /** Per resource: when the release that freed it was submitted (nanoTime); 0 before the first one. */
    private final HandOffClock releaseToGrant;
    private final LongAdder failures = new LongAdder();
    private final CountDownLatch finished;

    private SaturatedCycles(LeaseEngine engine, Settings settings) {
        this.engine = engine;
        this.window = new Window(settings.warmup(), settings.measure());
        this.releaseToGrant = new HandOffClock(settings.resources());
        this.finished = new CountDownLatch(settings.requesters());
    }

    static Result run(Path disk, Settings settings) throws InterruptedException {
        try (BenchEngine bench = BenchEngine.start(disk, settings.resources())) {
            SaturatedCycles scenario = new SaturatedCycles(bench.engine, settings);
            for (int i = 0; i < settings.requesters(); i++) {
                scenario.cycle(new LeaseRequest("job-" + i, BenchEngine.POOL, null, 1, TTL, WAIT, 0));
            }
            scenario.window.run();
            if (!scenario.finished.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("requesters did not finish within 60s of the window closing");
            }
            return new Result(scenario.window.count(), scenario.window.seconds(), scenario.window.perSecond(),
                    scenario.releaseToGrant.summarize(), scenario.failures.sum());
        }
    }

    /** One acquire → release; the next cycle starts from the release's completion (on the store's thread). */
    private void cycle(LeaseRequest request) {
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
            releaseToGrant.granted(resource, askedAt, window.measuring());
            release(request, grant, resource);
        });
    }

    private void release(LeaseRequest request, Grant grant, int resource) {
        releaseToGrant.released(resource);
        engine.release(grant.lease().id(), grant.token()).whenComplete((lease, error) -> {
            if (error != null) {
                stopAfterFailure();
                return;
            }
            window.completed();
            cycle(request);
        });
    }

    /** Nothing should fail here; a requester that sees a failure stops, and the report shows the count. */
    private void stopAfterFailure() {
        failures.increment();
        finished.countDown();
    }
}
